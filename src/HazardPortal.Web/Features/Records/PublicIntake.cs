using System.Net;
using System.Threading.RateLimiting;
using FluentValidation;
using HazardPortal.Core;
using HazardPortal.Core.Common;
using HazardPortal.Core.Hazards;
using HazardPortal.Core.Records;
using HazardPortal.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Records;

/// <summary>Use cases of the anonymous public: choose the place, file a report (with photos), read its status by query code.</summary>
public sealed partial class PublicReports
{
    public sealed record FileCommand
    {
        public string? JurisdictionCode { get; set; }

        public string? SubjectName { get; set; }

        public string? Location { get; set; }

        public string? Description { get; set; }

        public bool Anonymous { get; set; } = true;

        public string? ReporterName { get; set; }

        public string? ReporterPhone { get; set; }

        /// <summary>The form's one-time token (the page puts one in every form): a replay files nothing new.</summary>
        public string? Token { get; set; }
    }

    public sealed class FileValidator : AbstractValidator<FileCommand>
    {
        public FileValidator()
        {
            RuleFor(c => c.JurisdictionCode).NotEmpty().WithMessage("请选择隐患所在的县（区）、乡镇（街道）");
            RuleFor(c => c.Location).NotEmpty().WithMessage("请填写隐患地点").MaximumLength(500).WithMessage("地点不超过500字");
            RuleFor(c => c.Description).NotEmpty().WithMessage("请描述隐患情况").MaximumLength(4000).WithMessage("描述不超过4000字");
            RuleFor(c => c.SubjectName).MaximumLength(200).WithMessage("单位名称不超过200字");
            RuleFor(c => c.ReporterName).NotEmpty().When(c => !c.Anonymous).WithMessage("实名举报请填写姓名").MaximumLength(50).WithMessage("姓名不超过50字");
            RuleFor(c => c.ReporterPhone).NotEmpty().When(c => !c.Anonymous).WithMessage("实名举报请填写联系电话")
                .Matches(@"^[0-9+\- ]{5,30}$").When(c => !string.IsNullOrEmpty(c.ReporterPhone)).WithMessage("联系电话格式不正确");
            RuleFor(c => c.Token).Matches("^[A-Za-z0-9_-]{8,64}$").When(c => !string.IsNullOrEmpty(c.Token)).WithMessage("表单标识无效，请刷新页面后重新提交");
        }
    }

    public sealed record Filed(string QueryCode);

    /// <summary>
    /// The public form's places as a cascade: the provinces that have onboarded counties, those counties, and their onboarded
    /// townships (read through the intake's system scope; names only).
    /// </summary>
    public async Task<List<PlaceOption>> PlacesAsync(CancellationToken ct = default)
    {
        await using var db = portalDb.OpenSystem("public-intake");
        var rows = await db.Jurisdictions.AsNoTracking().Where(j => j.Level == JurisdictionLevel.Province)
            .Concat(db.Jurisdictions.AsNoTracking().Where(j => j.Level == JurisdictionLevel.County || j.Level == JurisdictionLevel.Township).Onboarded(db))
            .OrderBy(j => j.Path).Select(j => new { j.Code, j.Name, j.Level, j.Path, j.ParentCode }).Take(50_000).ToListAsync(ct);
        var counties = rows.Where(r => r.Level == JurisdictionLevel.County).Select(r => (Code: r.Code, Province: JurisdictionPath.CodeAt(r.Path.ToString(), 2)!)).ToList();
        var provinces = counties.Select(c => c.Province).ToHashSet();
        return rows.Where(r => r.Level != JurisdictionLevel.Province || provinces.Contains(r.Code))
            .Select(r => new PlaceOption(r.Code, r.Name, r.Level, r.Level switch
            {
                JurisdictionLevel.County => JurisdictionPath.CodeAt(r.Path.ToString(), 2)!,
                JurisdictionLevel.Township => r.ParentCode,
                _ => null,
            })).ToList();
    }

    public async Task<Result<Filed>> FileAsync(FileCommand command, IPAddress? address, CancellationToken ct = default)
    {
        if (!limiter.TryFile(address))
        {
            return Error.TooMany(TooManyMessage);
        }

        if (await Validation.CheckAsync(validator, command, ct) is { } invalid)
        {
            return invalid;
        }

        await using var db = portalDb.OpenSystem("public-intake");
        var token = Blank(command.Token);
        if (token is not null && await db.PublicReports.Where(r => r.IntakeToken == token).Select(r => r.QueryCode).SingleOrDefaultAsync(ct) is { } already)
        {
            return new Filed(already); // the same form sent again (a double tap, a retry, the back button): one report
        }

        var node = await db.Jurisdictions.Where(j => j.Code == command.JurisdictionCode).Select(j => new { j.Code, j.Path }).SingleOrDefaultAsync(ct);
        if (node is null || JurisdictionPath.Level(node.Path.ToString()) < JurisdictionLevel.County)
        {
            return Error.Invalid("jurisdictionCode", "请选择隐患所在的县（区）、乡镇（街道）");
        }

        // Only a county that is onboarded has a 安委办 here to receive the report.
        var county = JurisdictionPath.CodeAt(node.Path.ToString(), 4)!;
        // (A city without counties stands at the county's depth too, but has no county 安委办 to receive reports yet.)
        if (!await db.Jurisdictions.Where(j => j.Code == county && j.Level == JurisdictionLevel.County).Onboarded(db).AnyAsync(ct))
        {
            return Error.Invalid("jurisdictionCode", "该县（区）尚未接入本平台，请拨打12350安全生产举报电话");
        }

        var today = ChinaTime.Today(clock);
        var report = new PublicReport
        {
            On = today,
            QueryCode = PublicReport.NewQueryCode(),
            SubjectName = Blank(command.SubjectName),
            Location = command.Location!.Trim(),
            Description = command.Description!.Trim(),
            Anonymous = command.Anonymous,
            ReporterName = command.Anonymous ? null : Blank(command.ReporterName),
            ReporterPhone = command.Anonymous ? null : Blank(command.ReporterPhone),
            Status = PublicReportStatus.Received,
            UpdatedOn = today,
            RecordedBy = "公众",
            RecordedByUnitName = "公众举报",
            IntakeToken = token,
        };
        report.PlaceAt(node.Code, node.Path.ToString());
        db.PublicReports.Add(report);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (token is not null && ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            // The same form twice at once: the unique token kept one.
            db.ChangeTracker.Clear();
            return new Filed(await db.PublicReports.Where(r => r.IntakeToken == token).Select(r => r.QueryCode).SingleAsync(ct));
        }

        return new Filed(report.QueryCode);
    }

    /// <summary>A photo for a report still being received, by its query code (the reporter holds nothing else).</summary>
    public async Task<Result<Guid>> AddPhotoAsync(string code, Stream content, long? declaredLength, IPAddress? address, CancellationToken ct = default)
    {
        if (!limiter.TryLookup(address))
        {
            return Error.TooMany(TooManyMessage);
        }

        var normalised = PublicReport.NormaliseQueryCode(code);
        if (normalised is null)
        {
            return Error.NotFound("举报");
        }

        var image = await HazardPortal.Web.Features.Shared.PhotoIntake.ReadAsync(content, declaredLength, ct);
        if (!image.Succeeded)
        {
            return image.Error!;
        }

        await using var db = portalDb.OpenSystem("public-intake");
        var report = await db.PublicReports.Where(r => r.QueryCode == normalised).Select(r => new { r.Id, r.Path, r.Status }).SingleOrDefaultAsync(ct);
        if (report is null)
        {
            return Error.NotFound("举报");
        }

        if (report.Status != PublicReportStatus.Received)
        {
            return Error.Conflict("该举报已处理，不能再补充照片");
        }

        if (await db.PublicReportPhotos.CountAsync(p => p.PublicReportId == report.Id, ct) >= PublicReportPhoto.MaxPerReport)
        {
            return Error.Invalid("file", $"每条举报最多{PublicReportPhoto.MaxPerReport}张照片");
        }

        var photo = new PublicReportPhoto
        {
            PublicReportId = report.Id, Path = report.Path, ContentType = image.Value!.ContentType, Content = image.Value.Content, Size = image.Value.Content.Length,
            Latitude = image.Value.Latitude, Longitude = image.Value.Longitude, TakenAt = image.Value.TakenAt,
        };
        db.PublicReportPhotos.Add(photo);
        await db.SaveChangesAsync(ct);
        return photo.Id;
    }

    /// <summary>The status and its day, and nothing else; an unknown or malformed code is 404.</summary>
    public async Task<Result<StatusDto>> StatusAsync(string? code, IPAddress? address, CancellationToken ct = default)
    {
        if (!limiter.TryLookup(address))
        {
            return Error.TooMany(TooManyMessage);
        }

        var normalised = PublicReport.NormaliseQueryCode(code);
        if (normalised is null)
        {
            return Error.NotFound("举报");
        }

        await using var db = portalDb.OpenSystem("public-lookup");
        var report = await db.PublicReports.Where(r => r.QueryCode == normalised).Select(r => new { r.Status, r.UpdatedOn }).SingleOrDefaultAsync(ct);
        return report is null ? Error.NotFound("举报") : new StatusDto(report.Status.ToString(), PublicReport.StatusName(report.Status), report.UpdatedOn);
    }
}
