using System.Net;
using System.Threading.RateLimiting;
using FluentValidation;
using HazardPortal.Core;
using HazardPortal.Core.Data;
using HazardPortal.Core.Records;
using HazardPortal.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Records;

/// <summary>
/// 举报 (SPEC §5): the public files through one narrow path (an audited system scope that can only
/// insert a report and its photos, and read a status by query code); the queue, the reporter and the
/// triage belong to the county 安委办 of the report's place alone.
/// </summary>
public sealed partial class PublicReports(PortalDb portalDb, PublicIntakeLimiter limiter, IValidator<PublicReports.FileCommand> validator, IHazardRegistrar register, TimeProvider clock)
{
    public const string TooManyMessage = "提交过于频繁，请稍后再试";

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

    public const int MaxCheckPhotos = 3;

    /// <param name="Parent">The option's parent in the cascade: a county's province, a township's county.</param>
    public sealed record PlaceOption(string Code, string Name, JurisdictionLevel Level, string? Parent);

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
