using System.Net;
using System.Threading.RateLimiting;
using FluentValidation;
using HazardPortal.Core;
using HazardPortal.Core.Authorization;
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

    public sealed record StatusDto(string Status, string StatusText, DateOnly UpdatedOn);

    /// <summary>A report as the county 安委办 reads it: the reporter's identity, the township's check, probable duplicates.</summary>
    public sealed record ReportDto(
        Guid Id, DateOnly ReceivedOn, string JurisdictionCode, string JurisdictionName, string? SubjectName, string Location, string Description,
        bool Anonymous, string? ReporterName, string? ReporterPhone, PublicReportStatus Status, string StatusText, Guid? HazardId, string? DismissReason,
        DateOnly? TriagedOn, string? TriagedBy, IReadOnlyList<Guid> PhotoIds, CheckDto? Check = null, IReadOnlyList<DuplicateDto>? ProbableDuplicates = null);

    /// <summary>The township's check: to whom, by when, and what it found (with its photos).</summary>
    public sealed record CheckDto(string TownshipCode, string TownshipName, DateOnly AssignedOn, DateOnly DueOn, string AssignedBy, string? Findings, DateOnly? RepliedOn, string? RepliedBy, IReadOnlyList<Guid> PhotoIds);

    /// <summary>Another report with the same text for the same place within 24 hours.</summary>
    public sealed record DuplicateDto(Guid Id, DateOnly ReceivedOn, string StatusText);

    /// <summary>A report as the township that checks it reads it: the place and the facts, never the reporter.</summary>
    public sealed record CheckReportDto(
        Guid Id, DateOnly ReceivedOn, string JurisdictionName, string? SubjectName, string Location, string Description, PublicReportStatus Status, string StatusText,
        DateOnly DueOn, int DaysLeft, string AssignedBy, string? Findings, DateOnly? RepliedOn, IReadOnlyList<Guid> PhotoIds, IReadOnlyList<Guid> CheckPhotoIds);

    public sealed record AssignCommand(string? Township, DateOnly? DueOn);

    public const int MaxCheckPhotos = 3;

    public sealed record TriageCommand(RegisterHazard.Command? Hazard, string? DismissReason);

    /// <param name="Parent">The option's parent in the cascade: a county's province, a township's county.</param>
    public sealed record PlaceOption(string Code, string Name, JurisdictionLevel Level, string? Parent);

    /// <summary>
    /// The public form's places as a cascade: the provinces that have counties, their counties, and the counties'
    /// townships (read through the intake's system scope; names only).
    /// </summary>
    public async Task<List<PlaceOption>> PlacesAsync(CancellationToken ct = default)
    {
        await using var db = portalDb.OpenSystem("public-intake");
        var rows = await db.Jurisdictions.AsNoTracking()
            .Where(j => j.Level == JurisdictionLevel.Province || j.Level == JurisdictionLevel.County || j.Level == JurisdictionLevel.Township)
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

    public async Task<Result<List<ReportDto>>> QueueAsync(PublicReportStatus? status, CancellationToken ct = default)
    {
        if (RecordRules.MayHandlePublicReports(portalDb.Scope) is { } refused)
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
        return await MapAsync(db, rows, ct);
    }

    public async Task<Result<ReportDto>> GetAsync(Guid id, CancellationToken ct = default)
    {
        if (RecordRules.MayHandlePublicReports(portalDb.Scope) is { } refused)
        {
            return refused;
        }

        await using var db = portalDb.Open();
        var report = await db.PublicReports.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (report is null)
        {
            return Error.NotFound("举报");
        }

        return (await MapAsync(db, [report], ct))[0];
    }

    /// <summary>A report's photo: for the county 安委办, or for the township that checks the report.</summary>
    public async Task<Result<HazardPhotos.Photo>> PhotoAsync(Guid photoId, CancellationToken ct = default)
    {
        var scope = portalDb.Scope;
        var township = RecordRules.CheckingTownship(scope);
        if (RecordRules.MayHandlePublicReports(scope) is { } refused && township is null)
        {
            return refused;
        }

        await using var db = portalDb.Open();
        var photo = await db.PublicReportPhotos.AsNoTracking()
            .Where(p => p.Id == photoId && (township == null || db.PublicReports.Any(r => r.Id == p.PublicReportId && r.CheckTownshipCode == township)))
            .SingleOrDefaultAsync(ct);
        return photo is null ? Error.NotFound("照片") : new HazardPhotos.Photo(photo.Content, photo.ContentType);
    }

    /// <summary>交乡镇核查: the county 安委办 hands an open report to one of its townships, due on a day; the township's cadres are told.</summary>
    public async Task<Result<ReportDto>> AssignAsync(Guid id, AssignCommand command, CancellationToken ct = default)
    {
        var scope = portalDb.Scope;
        if (RecordRules.MayHandlePublicReports(scope) is { } refused)
        {
            return refused;
        }

        if (string.IsNullOrWhiteSpace(command.Township) || command.Township.Length > 12)
        {
            return Error.Invalid("township", "请选择核查的乡镇（街道）");
        }

        if (command.DueOn is not { } dueOn)
        {
            return Error.Invalid("dueOn", "请填写核查期限");
        }

        var county = scope.OwnCode!;
        await using var db = portalDb.Open();
        var town = await db.Jurisdictions.AsNoTracking().Where(j => j.Code == command.Township && j.ParentCode == county)
            .Select(j => new { j.Code, j.Name, j.Path }).SingleOrDefaultAsync(ct);
        if (town is null)
        {
            return Error.Invalid("township", "只能交本县（区）所辖乡镇（街道）核查");
        }

        var report = await db.PublicReports.SingleOrDefaultAsync(r => r.Id == id, ct);
        if (report is null)
        {
            return Error.NotFound("举报");
        }

        var today = ChinaTime.Today(clock);
        if (report.Assign(town.Code, town.Name, town.Path.ToString(), dueOn, today, scope.DisplayName) is { } error)
        {
            return error;
        }

        var cadres = await Shared.UnitAccounts.OfAsync(db, [town.Code], [], [Roles.TownshipCadre], ct);
        db.Notifications.AddRange(cadres.Select(u => new Core.Notifications.Notification
        {
            UserId = u.UserId, Path = town.Path, Kind = Core.Notifications.NotificationKind.PublicReportAssigned,
            Title = $"群众举报交办核查：{Short(report.Location)}（{dueOn:MM-dd}前回复）", Link = "/records/public-reports/checks",
            DedupeKey = $"pr-assign:{report.Id}:{today:yyyyMMdd}:{town.Code}",
        }));
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    /// <summary>The county's townships a report can be handed to.</summary>
    public async Task<List<(string Code, string Name)>> TownshipsAsync(CancellationToken ct = default)
    {
        if (RecordRules.MayHandlePublicReports(portalDb.Scope) is not null)
        {
            return [];
        }

        var county = portalDb.Scope.OwnCode!;
        await using var db = portalDb.Open();
        return (await db.Jurisdictions.AsNoTracking().Where(j => j.ParentCode == county).OrderBy(j => j.Code).Select(j => new { j.Code, j.Name }).ToListAsync(ct))
            .Select(j => (j.Code, j.Name)).ToList();
    }

    /// <summary>The reports handed to the signed-in township to check, without the reporter's identity, the most urgent first.</summary>
    public async Task<Result<List<CheckReportDto>>> ChecksAsync(CancellationToken ct = default)
    {
        if (RecordRules.CheckingTownship(portalDb.Scope) is not { } township)
        {
            return Error.Forbidden("举报核查由承办的乡镇（街道）干部办理");
        }

        await using var db = portalDb.Open();
        var rows = await db.PublicReports.AsNoTracking().Where(r => r.CheckTownshipCode == township)
            .OrderBy(r => r.Status == PublicReportStatus.Assigned ? 0 : 1).ThenBy(r => r.CheckDueOn).Take(500)
            .Select(r => new
            {
                r.Id, r.On, r.JurisdictionCode, r.SubjectName, r.Location, r.Description, r.Status, r.CheckDueOn, r.CheckAssignedBy, r.CheckFindings, r.CheckRepliedOn,
                Photos = db.PublicReportPhotos.Where(p => p.PublicReportId == r.Id).Select(p => new { p.Id, p.FromCheck }).ToList(),
            })
            .ToListAsync(ct);
        var names = await RecordSupport.JurisdictionNamesAsync(db, rows.Select(r => r.JurisdictionCode), ct);
        var today = ChinaTime.Today(clock);
        return rows.Select(r => new CheckReportDto(
            r.Id, r.On, names.GetValueOrDefault(r.JurisdictionCode, r.JurisdictionCode), r.SubjectName, r.Location, r.Description, r.Status,
            PublicReport.OfficeStatusName(r.Status), r.CheckDueOn!.Value, r.CheckDueOn.Value.DayNumber - today.DayNumber, r.CheckAssignedBy ?? string.Empty,
            r.CheckFindings, r.CheckRepliedOn, r.Photos.Where(p => !p.FromCheck).Select(p => p.Id).ToList(), r.Photos.Where(p => p.FromCheck).Select(p => p.Id).ToList())).ToList();
    }

    /// <summary>The township's reply: its findings and up to three photos; the county then triages the report.</summary>
    public async Task<Result<CheckReportDto>> ReplyAsync(Guid id, string? findings, IReadOnlyList<(Stream Content, long Length)> photos, CancellationToken ct = default)
    {
        if (RecordRules.CheckingTownship(portalDb.Scope) is not { } township)
        {
            return Error.Forbidden("举报核查由承办的乡镇（街道）干部办理");
        }

        if (photos.Count > MaxCheckPhotos)
        {
            return Error.Invalid("photos", $"最多上传{MaxCheckPhotos}张核查照片");
        }

        var images = new List<HazardPortal.Web.Features.Shared.PhotoIntake.Photo>();
        foreach (var (content, length) in photos)
        {
            var image = await HazardPortal.Web.Features.Shared.PhotoIntake.ReadAsync(content, length, ct);
            if (!image.Succeeded)
            {
                return image.Error!;
            }

            images.Add(image.Value!);
        }

        await using var db = portalDb.Open();
        var report = await db.PublicReports.SingleOrDefaultAsync(r => r.Id == id && r.CheckTownshipCode == township, ct);
        if (report is null)
        {
            return Error.NotFound("举报");
        }

        if (report.Reply(findings, ChinaTime.Today(clock), portalDb.Scope.DisplayName) is { } error)
        {
            return error;
        }

        db.PublicReportPhotos.AddRange(images.Select(i => new PublicReportPhoto
        {
            PublicReportId = report.Id, Path = report.Path, ContentType = i.ContentType, Content = i.Content, Size = i.Content.Length,
            Latitude = i.Latitude, Longitude = i.Longitude, TakenAt = i.TakenAt, FromCheck = true,
        }));
        await db.SaveChangesAsync(ct);
        return (await ChecksAsync(ct)).Value!.Single(r => r.Id == id);
    }

    /// <summary>Turns the report into a hazard (source 举报, its photos as the before-photos) or dismisses it with a reason.</summary>
    public async Task<Result<ReportDto>> TriageAsync(Guid id, TriageCommand command, CancellationToken ct = default)
    {
        if (RecordRules.MayHandlePublicReports(portalDb.Scope) is { } refused)
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

            if (current.Status is not (PublicReportStatus.Received or PublicReportStatus.Assigned or PublicReportStatus.Replied))
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

    private static string Short(string s) => s.Length > 30 ? s[..30] + "…" : s;

    /// <summary>Text as compared for duplicates: no whitespace or punctuation, case folded.</summary>
    private static string Comparable(string text) => new(text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    /// <summary>
    /// The county's view of reports: names, photos (the reporter's and the township's), the check, and the probable
    /// duplicates — another report of the same text for the same place (or the same checking township) within 24 hours.
    /// </summary>
    private static async Task<List<ReportDto>> MapAsync(AppDbContext db, List<PublicReport> rows, CancellationToken ct)
    {
        var names = await RecordSupport.JurisdictionNamesAsync(db, rows.Select(r => r.JurisdictionCode), ct);
        var ids = rows.Select(r => r.Id).ToList();
        var photos = (await db.PublicReportPhotos.Where(p => ids.Contains(p.PublicReportId)).Select(p => new { p.Id, p.PublicReportId, p.FromCheck }).ToListAsync(ct))
            .ToLookup(p => p.PublicReportId);
        var earliest = rows.Count == 0 ? default : rows.Min(r => r.CreatedAt).AddHours(-24);
        var latest = rows.Count == 0 ? default : rows.Max(r => r.CreatedAt).AddHours(24);
        var places = rows.Select(r => r.JurisdictionCode).Distinct().ToList();
        var near = rows.Count == 0 ? [] : await db.PublicReports.AsNoTracking()
            .Where(r => places.Contains(r.JurisdictionCode) && r.CreatedAt >= earliest && r.CreatedAt <= latest)
            .Select(r => new { r.Id, r.On, r.JurisdictionCode, r.Description, r.CreatedAt, r.Status }).ToListAsync(ct);
        // Each text normalised once; a report's neighbours are those of its place with the same normalised text.
        var alike = near.ToLookup(n => (n.JurisdictionCode, Text: Comparable(n.Description)));
        return rows.Select(r =>
        {
            var duplicates = alike[(r.JurisdictionCode, Comparable(r.Description))].Where(n => n.Id != r.Id && Math.Abs((n.CreatedAt - r.CreatedAt).TotalHours) <= 24)
                .OrderBy(n => n.CreatedAt).Select(n => new DuplicateDto(n.Id, n.On, PublicReport.OfficeStatusName(n.Status))).ToList();
            var mine = photos[r.Id].ToList();
            var check = r.CheckTownshipCode is null ? null : new CheckDto(
                r.CheckTownshipCode, r.CheckTownshipName ?? r.CheckTownshipCode, r.CheckAssignedOn!.Value, r.CheckDueOn!.Value, r.CheckAssignedBy ?? string.Empty,
                r.CheckFindings, r.CheckRepliedOn, r.CheckRepliedBy, mine.Where(p => p.FromCheck).Select(p => p.Id).ToList());
            return new ReportDto(
                r.Id, r.On, r.JurisdictionCode, names.GetValueOrDefault(r.JurisdictionCode, r.JurisdictionCode), r.SubjectName, r.Location, r.Description,
                r.Anonymous, r.ReporterName, r.ReporterPhone, r.Status, PublicReport.OfficeStatusName(r.Status), r.HazardId, r.DismissReason, r.TriagedOn, r.TriagedBy,
                mine.Where(p => !p.FromCheck).Select(p => p.Id).ToList(), check, duplicates);
        }).ToList();
    }
}
