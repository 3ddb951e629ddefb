using System.Net;
using System.Threading.RateLimiting;
using FluentValidation;
using HazardPortal.Core.Authorization;
using HazardPortal.Core.Common;
using HazardPortal.Core.Hazards;
using HazardPortal.Core.Records;
using HazardPortal.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Records;

/// <summary>Use cases of the county 安委办: the queue of reports, one report with its photos, triage (register the hazard or dismiss with a reason).</summary>
public sealed partial class PublicReports
{
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
    public async Task<Result<PhotoFile>> PhotoAsync(Guid photoId, CancellationToken ct = default)
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
        return photo is null ? Error.NotFound("照片") : new PhotoFile(photo.Content, photo.ContentType);
    }

    public sealed record TriageCommand(NewHazard? Hazard, string? DismissReason);

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
        var created = await register.RegisterAsync(hazard, $"public-report:{id}", ct);
        if (!created.Succeeded)
        {
            return created.Error!;
        }

        await using (var db = portalDb.Open())
        {
            var report = await db.PublicReports.SingleAsync(r => r.Id == id, ct);
            if (report.Accept(created.Value, today, by) is { } error)
            {
                return error;
            }

            var h = await db.Hazards.AsNoTracking().Where(x => x.Id == created.Value).Select(x => new { x.Path, x.EnterpriseId }).SingleAsync(ct);
            var photos = await db.PublicReportPhotos.AsNoTracking().Where(p => p.PublicReportId == id).ToListAsync(ct);
            db.HazardPhotos.AddRange(photos.Select(p => new HazardPhoto
            {
                HazardId = created.Value, EnterpriseId = h.EnterpriseId, Path = h.Path, Stage = PhotoStage.Before,
                ContentType = p.ContentType, Size = p.Size, Content = p.Content, CapturedAt = p.TakenAt ?? p.UploadedAt,
                Latitude = p.Latitude, Longitude = p.Longitude, TakenAt = p.TakenAt,
            }));
            await db.SaveChangesAsync(ct);
        }

        return await GetAsync(id, ct);
    }
}
