using HazardPortal.Core;
using System.Net;
using System.Threading.RateLimiting;
using FluentValidation;
using HazardPortal.Core.Authorization;
using HazardPortal.Core.Common;
using HazardPortal.Core.Hazards;
using HazardPortal.Core.Identity;
using HazardPortal.Core.Records;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Records;

/// <summary>Use cases of 交乡镇核查: the office hands a report to a township with a due day; the township lists its checks and replies.</summary>
public sealed partial class PublicReports
{
    public sealed record AssignCommand(string? Township, DateOnly? DueOn);

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
        var town = await db.Jurisdictions.AsNoTracking().Where(j => j.Code == command.Township && j.ParentCode == county).Onboarded(db)
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
        return (await db.Jurisdictions.AsNoTracking().Where(j => j.ParentCode == county).Onboarded(db).OrderBy(j => j.Code).Select(j => new { j.Code, j.Name }).ToListAsync(ct))
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
}
