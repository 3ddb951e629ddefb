using System.Net;
using System.Threading.RateLimiting;
using FluentValidation;
using HazardPortal.Core;
using HazardPortal.Core.Common;
using HazardPortal.Core.Data;
using HazardPortal.Core.Hazards;
using HazardPortal.Core.Identity;
using HazardPortal.Core.Records;
using HazardPortal.Core.Tenancy;
using HazardPortal.Web.Features.Ledger;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Records;

/// <summary>
/// Per-address limits for the public doors: filing reports (default 5 in 10 minutes) and looking up
/// query codes (60 a minute). Both the API and the public page go through it, so both are limited.
/// </summary>
public sealed class PublicIntakeLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> filing;
    private readonly PartitionedRateLimiter<string> lookups;

    public PublicIntakeLimiter(IConfiguration configuration)
    {
        var permits = configuration.GetValue("PublicReports:PermitLimit", 5);
        var window = TimeSpan.FromMinutes(configuration.GetValue("PublicReports:WindowMinutes", 10));
        filing = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address, _ =>
            new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 }));
        lookups = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address, _ =>
            new FixedWindowRateLimiterOptions { PermitLimit = 60, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    }

    public bool TryFile(IPAddress? address) => Acquire(filing, address);

    public bool TryLookup(IPAddress? address) => Acquire(lookups, address);

    public void Dispose()
    {
        filing.Dispose();
        lookups.Dispose();
    }

    private static bool Acquire(PartitionedRateLimiter<string> limiter, IPAddress? address)
    {
        using var lease = limiter.AttemptAcquire(address?.ToString() ?? "unknown");
        return lease.IsAcquired;
    }
}

/// <summary>
/// 举报 (SPEC §5): the public files through one narrow path (an audited system scope that can only
/// insert a report and its photos, and read a status by query code); the queue, the reporter and the
/// triage belong to the county 安委办 of the report's place alone.
/// </summary>
public sealed class PublicReports(PortalDb portalDb, PublicIntakeLimiter limiter, IValidator<PublicReports.FileCommand> validator, RegisterHazard.Handler register, TimeProvider clock)
{
    public const string TooManyMessage = "提交过于频繁，请稍后再试";

    public sealed record FileCommand
    {
        public string? JurisdictionCode { get; set; }

        public string? SubjectName { get; set; }

        public string? Location { get; set; }

        public string? Description { get; set; }

        public bool Anonymous { get; set; } = true;

        public string? ReporterName { get; set; }

        public string? ReporterPhone { get; set; }
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
        }
    }

    public sealed record Filed(string QueryCode);

    public sealed record StatusDto(string Status, string StatusText, DateOnly UpdatedOn);

    public sealed record ReportDto(
        Guid Id, DateOnly ReceivedOn, string JurisdictionCode, string JurisdictionName, string? SubjectName, string Location, string Description,
        bool Anonymous, string? ReporterName, string? ReporterPhone, PublicReportStatus Status, string StatusText, Guid? HazardId, string? DismissReason,
        DateOnly? TriagedOn, string? TriagedBy, IReadOnlyList<Guid> PhotoIds);

    public sealed record TriageCommand(RegisterHazard.Command? Hazard, string? DismissReason);

    /// <summary>The reason a user may not see the queue, or null for the county 安委办.</summary>
    public static Error? QueueRefusal(AccessScope scope) =>
        scope.HasRole(Roles.SafetyOffice) && scope.Path?.Split('.').Length == 4
            ? null
            : Error.Forbidden("举报信息仅由属地县级安委办受理和查看（举报人信息保密）");

    public sealed record PlaceOption(string Code, string Name, bool IsCounty);

    /// <summary>Counties and their townships, for the public form's place list (read through the intake's system scope).</summary>
    public async Task<List<PlaceOption>> PlacesAsync(CancellationToken ct = default)
    {
        await using var db = portalDb.OpenSystem("public-intake");
        var rows = await db.Jurisdictions.AsNoTracking()
            .Where(j => j.Level == JurisdictionLevel.County || j.Level == JurisdictionLevel.Township)
            .OrderBy(j => j.Path).Select(j => new { j.Code, j.Name, j.Level }).Take(5000).ToListAsync(ct);
        return rows.Select(r => new PlaceOption(r.Code, r.Name, r.Level == JurisdictionLevel.County)).ToList();
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
        var node = await db.Jurisdictions.Where(j => j.Code == command.JurisdictionCode).Select(j => new { j.Code, j.Path }).SingleOrDefaultAsync(ct);
        if (node is null || node.Path.ToString().Split('.').Length < 4)
        {
            return Error.Invalid("jurisdictionCode", "请选择隐患所在的县（区）、乡镇（街道）");
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
        };
        report.PlaceAt(node.Code, node.Path.ToString());
        db.PublicReports.Add(report);
        await db.SaveChangesAsync(ct);
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

    public async Task<Result<List<ReportDto>>> QueueAsync(PublicReportStatus? status, CancellationToken ct = default)
    {
        if (QueueRefusal(portalDb.Scope) is { } refused)
        {
            return refused;
        }

        await using var db = portalDb.Open();
        var query = db.PublicReports.AsNoTracking();
        if (status is { } s)
        {
            query = query.Where(r => r.Status == s);
        }

        var rows = await query.OrderBy(r => r.Status).ThenByDescending(r => r.CreatedAt).Take(500).ToListAsync(ct);
        var names = await RecordSupport.JurisdictionNamesAsync(db, rows.Select(r => r.JurisdictionCode), ct);
        var ids = rows.Select(r => r.Id).ToList();
        var photos = (await db.PublicReportPhotos.Where(p => ids.Contains(p.PublicReportId)).Select(p => new { p.Id, p.PublicReportId }).ToListAsync(ct))
            .ToLookup(p => p.PublicReportId, p => p.Id);
        return rows.Select(r => Map(r, names, photos[r.Id].ToList())).ToList();
    }

    public async Task<Result<ReportDto>> GetAsync(Guid id, CancellationToken ct = default)
    {
        if (QueueRefusal(portalDb.Scope) is { } refused)
        {
            return refused;
        }

        await using var db = portalDb.Open();
        var report = await db.PublicReports.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (report is null)
        {
            return Error.NotFound("举报");
        }

        var names = await RecordSupport.JurisdictionNamesAsync(db, [report.JurisdictionCode], ct);
        var photos = await db.PublicReportPhotos.Where(p => p.PublicReportId == id).Select(p => p.Id).ToListAsync(ct);
        return Map(report, names, photos);
    }

    public async Task<Result<HazardPhotos.Photo>> PhotoAsync(Guid photoId, CancellationToken ct = default)
    {
        if (QueueRefusal(portalDb.Scope) is { } refused)
        {
            return refused;
        }

        await using var db = portalDb.Open();
        var photo = await db.PublicReportPhotos.AsNoTracking().SingleOrDefaultAsync(p => p.Id == photoId, ct);
        return photo is null ? Error.NotFound("照片") : new HazardPhotos.Photo(photo.Content, photo.ContentType);
    }

    /// <summary>Turns the report into a hazard (source 举报, its photos as the before-photos) or dismisses it with a reason.</summary>
    public async Task<Result<ReportDto>> TriageAsync(Guid id, TriageCommand command, CancellationToken ct = default)
    {
        if (QueueRefusal(portalDb.Scope) is { } refused)
        {
            return refused;
        }

        if ((command.Hazard is null) == string.IsNullOrWhiteSpace(command.DismissReason))
        {
            return Error.Invalid("dismissReason", "请选择列为隐患（填写隐患信息）或不予立案（填写理由）之一");
        }

        var today = ChinaTime.Today(clock);
        var by = portalDb.Scope.DisplayName;
        await using (var check = portalDb.Open())
        {
            var current = await check.PublicReports.AsNoTracking().Where(r => r.Id == id).Select(r => new { r.Status }).SingleOrDefaultAsync(ct);
            if (current is null)
            {
                return Error.NotFound("举报");
            }

            if (current.Status != PublicReportStatus.Received)
            {
                return Error.Conflict("该举报已处理");
            }
        }

        if (command.DismissReason is { } reason && command.Hazard is null)
        {
            if (reason.Length > 1000)
            {
                return Error.Invalid("dismissReason", "理由不超过1000字");
            }

            await using var db = portalDb.Open();
            var report = await db.PublicReports.SingleAsync(r => r.Id == id, ct);
            if (report.Dismiss(reason, today, by) is { } error)
            {
                return error;
            }

            await db.SaveChangesAsync(ct);
            return await GetAsync(id, ct);
        }

        // The same key on a retry returns the hazard already created, so a report never yields two.
        var hazard = command.Hazard!;
        hazard.Source = HazardSource.PublicReport;
        var created = await register.HandleAsync(hazard, $"public-report:{id}", ct);
        if (!created.Succeeded)
        {
            return created.Error!;
        }

        await using (var db = portalDb.Open())
        {
            var report = await db.PublicReports.SingleAsync(r => r.Id == id, ct);
            if (report.Accept(created.Value!.Id, today, by) is { } error)
            {
                return error;
            }

            var h = await db.Hazards.AsNoTracking().Where(x => x.Id == created.Value.Id).Select(x => new { x.Path, x.EnterpriseId }).SingleAsync(ct);
            var photos = await db.PublicReportPhotos.AsNoTracking().Where(p => p.PublicReportId == id).ToListAsync(ct);
            db.HazardPhotos.AddRange(photos.Select(p => new HazardPhoto
            {
                HazardId = created.Value.Id, EnterpriseId = h.EnterpriseId, Path = h.Path, Stage = PhotoStage.Before,
                ContentType = p.ContentType, Size = p.Size, Content = p.Content, CapturedAt = p.TakenAt ?? p.UploadedAt,
                Latitude = p.Latitude, Longitude = p.Longitude, TakenAt = p.TakenAt,
            }));
            await db.SaveChangesAsync(ct);
        }

        return await GetAsync(id, ct);
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static ReportDto Map(PublicReport r, Dictionary<string, string> names, IReadOnlyList<Guid> photos) => new(
        r.Id, r.On, r.JurisdictionCode, names.GetValueOrDefault(r.JurisdictionCode, r.JurisdictionCode), r.SubjectName, r.Location, r.Description,
        r.Anonymous, r.ReporterName, r.ReporterPhone, r.Status, PublicReport.StatusName(r.Status), r.HazardId, r.DismissReason, r.TriagedOn, r.TriagedBy, photos);
}
