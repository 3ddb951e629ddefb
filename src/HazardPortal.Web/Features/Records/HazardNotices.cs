using HazardPortal.Core;
using HazardPortal.Core.Common;
using HazardPortal.Core.Data;
using HazardPortal.Core.Hazards;
using HazardPortal.Core.Records;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Records;

/// <summary>
/// 004 (淮北市) 内部公示: an enterprise lists its major hazards inside the company — those still open and those rectified in
/// the period with their 整改落实情况, each with its 责任部门 and 验收人 — and publishing it leaves a dated record of who
/// published what (<see cref="HazardNotice"/>), which the township and the offices above see in their scope.
/// </summary>
public sealed class HazardNotices(PortalDb portalDb, TimeProvider clock)
{
    public sealed record PeriodCommand(DateOnly From, DateOnly To);

    public sealed record NoticeDto(
        Guid? Id, Guid EnterpriseId, string Enterprise, DateOnly From, DateOnly To, DateOnly? PublishedOn, DateTimeOffset? PublishedAt, string? PublishedBy,
        IReadOnlyList<HazardNoticeLine> Open, IReadOnlyList<HazardNoticeLine> Rectified);

    public sealed record NoticeRow(Guid Id, Guid EnterpriseId, string Enterprise, string Jurisdiction, DateOnly From, DateOnly To, DateOnly PublishedOn, string PublishedBy, int OpenCount, int RectifiedCount);

    /// <summary>What a notice for the period would list today (nothing stored).</summary>
    public async Task<Result<NoticeDto>> PreviewAsync(PeriodCommand period, CancellationToken ct = default)
    {
        if (portalDb.Scope.EnterpriseId is not { } own)
        {
            return Error.Forbidden("内部公示由企业发布");
        }

        if (HazardNotice.Check(period.From, period.To, ChinaTime.Today(clock)) is { } bad)
        {
            return bad;
        }

        await using var db = portalDb.Open();
        var name = await db.Enterprises.Where(e => e.Id == own).Select(e => e.Name).SingleAsync(ct);
        var lines = await LinesAsync(db, own, period, ct);
        return new NoticeDto(null, own, name, period.From, period.To, null, null, null, lines.Where(l => !l.Rectified).ToList(), lines.Where(l => l.Rectified).ToList());
    }

    /// <summary>Publishes the notice: the list as it stands is kept with the day, the time and the person.</summary>
    public async Task<Result<NoticeDto>> PublishAsync(PeriodCommand period, CancellationToken ct = default)
    {
        var scope = portalDb.Scope;
        if (scope.EnterpriseId is not { } own)
        {
            return Error.Forbidden("内部公示由企业发布");
        }

        if (HazardNotice.Check(period.From, period.To, ChinaTime.Today(clock)) is { } bad)
        {
            return bad;
        }

        await using var db = portalDb.Open();
        var placement = await RecordSupport.PlaceAsync(db, scope, own, null, null, ct);
        if (!placement.Succeeded)
        {
            return placement.Error!;
        }

        var lines = await LinesAsync(db, own, period, ct);
        if (lines.Count > HazardNotice.MaxLines)
        {
            return Error.Invalid("from", $"一次公示不超过{HazardNotice.MaxLines}项隐患，请缩短公示期间");
        }

        var notice = new HazardNotice
        {
            On = ChinaTime.Today(clock), PeriodFrom = period.From, PeriodTo = period.To, Lines = lines,
            OpenCount = lines.Count(l => !l.Rectified), RectifiedCount = lines.Count(l => l.Rectified),
        };
        RecordSupport.Stamp(RecordSupport.At(notice, placement.Value!), scope);
        db.HazardNotices.Add(notice);
        await db.SaveChangesAsync(ct);
        return await GetAsync(notice.Id, ct);
    }

    public async Task<Result<NoticeDto>> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = portalDb.Open();
        var n = await db.HazardNotices.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (n is null)
        {
            return Error.NotFound("内部公示记录");
        }

        var name = await db.Enterprises.Where(e => e.Id == n.EnterpriseId).Select(e => e.Name).SingleOrDefaultAsync(ct) ?? string.Empty;
        return new NoticeDto(n.Id, n.EnterpriseId!.Value, name, n.PeriodFrom, n.PeriodTo, n.On, n.CreatedAt, n.RecordedBy,
            n.Lines.Where(l => !l.Rectified).ToList(), n.Lines.Where(l => l.Rectified).ToList());
    }

    /// <summary>The notices published in the scope (an enterprise's own; a township's or office's enterprises'), newest first.</summary>
    public async Task<IReadOnlyList<NoticeRow>> ListAsync(CancellationToken ct = default)
    {
        await using var db = portalDb.Open();
        var rows = await db.HazardNotices.AsNoTracking().OrderByDescending(n => n.On).ThenByDescending(n => n.CreatedAt).Take(500)
            .Select(n => new { n.Id, n.EnterpriseId, n.JurisdictionCode, n.PeriodFrom, n.PeriodTo, n.On, n.RecordedBy, n.OpenCount, n.RectifiedCount }).ToListAsync(ct);
        var ids = rows.Select(r => r.EnterpriseId).Distinct().ToList();
        var names = await db.Enterprises.AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        var places = await RecordSupport.JurisdictionNamesAsync(db, rows.Select(r => r.JurisdictionCode), ct);
        return rows.Select(r => new NoticeRow(r.Id, r.EnterpriseId!.Value, names.GetValueOrDefault(r.EnterpriseId!.Value, string.Empty), places.GetValueOrDefault(r.JurisdictionCode, r.JurisdictionCode),
            r.PeriodFrom, r.PeriodTo, r.On, r.RecordedBy, r.OpenCount, r.RectifiedCount)).ToList();
    }

    /// <summary>The enterprise's major hazards for the notice: open ones, and those rectified in the period with what was done.</summary>
    private static async Task<List<HazardNoticeLine>> LinesAsync(AppDbContext db, Guid enterprise, PeriodCommand period, CancellationToken ct)
    {
        var hazards = await db.Hazards.AsNoTracking()
            .Where(h => h.EnterpriseId == enterprise && h.Grade == HazardGrade.Major && h.Status != HazardStatus.Draft && h.Status != HazardStatus.Voided
                && (h.Status != HazardStatus.Verified || (h.RectifiedOn >= period.From && h.RectifiedOn <= period.To)))
            .OrderBy(h => h.FoundOn).ThenBy(h => h.Title).Take(HazardNotice.MaxLines + 1).ToListAsync(ct);
        return hazards.Select(h =>
        {
            var rectified = h.RectifiedOn is { } on && on >= period.From && on <= period.To;
            return new HazardNoticeLine
            {
                HazardId = h.Id, Title = h.Title, Location = h.Location, Status = HazardNames.Status(h.Status), Measures = h.Plan.Measures,
                ResponsiblePerson = h.Plan.ResponsiblePerson, ResponsibleDepartment = h.ResponsibleDepartment,
                Acceptance = h.Acceptance,
                Deadline = h.CurrentDeadline, Rectified = rectified, RectifiedOn = rectified ? h.RectifiedOn : null, Rectification = rectified ? h.RectificationDescription : null,
            };
        }).ToList();
    }
}
