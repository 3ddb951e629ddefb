using HazardPortal.Core;
using HazardPortal.Core.Common;
using HazardPortal.Core.Data;
using HazardPortal.Core.Hazards;
using HazardPortal.Core.Identity;
using HazardPortal.Core.Records;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Records;

/// <summary>
/// What enterprises themselves record (SPEC §3, §5): emergency drills, and the two duties that follow
/// from them and from head-led inspections, with the lists of enterprises behind on either.
/// </summary>
public sealed class EnterpriseDuties(PortalDb portalDb, TimeProvider clock)
{
    public sealed record DrillCommand(Guid? EnterpriseId, DateOnly Date, string? Scenario, int Participants, string? Notes);

    public sealed record DrillDto(Guid Id, Guid EnterpriseId, string Enterprise, DateOnly Date, string Scenario, int Participants, string? Notes, string RecordedBy);

    public sealed record DutyRow(
        Guid EnterpriseId, string Enterprise, string JurisdictionCode, string Jurisdiction, bool HighRisk,
        IReadOnlyList<string> HeadInspectionMissed, bool HeadInspectionCurrentDone, IReadOnlyList<string> DrillMissed, bool DrillCurrentDone,
        DateOnly? LastHeadInspection, DateOnly? LastDrill)
    {
        public bool Behind => HeadInspectionMissed.Count > 0 || DrillMissed.Count > 0;
    }

    public async Task<Result<DrillDto>> RecordDrillAsync(DrillCommand command, CancellationToken ct = default)
    {
        var scope = portalDb.Scope;
        if (scope.EnterpriseId is not { } own)
        {
            return Error.Forbidden("应急演练由企业记录");
        }

        if ((command.EnterpriseId ?? own) != own)
        {
            return Error.Forbidden("企业只能记录本企业的应急演练");
        }

        if (command.Date == default)
        {
            return Error.Invalid("date", "请填写演练日期");
        }

        if (Drill.Check(command.Date, command.Scenario, command.Participants, ChinaTime.Today(clock)) is { } bad)
        {
            return bad;
        }

        if (command.Notes is { Length: > 2000 })
        {
            return Error.Invalid("notes", "备注不超过2000字");
        }

        await using var db = portalDb.Open();
        var placement = await RecordSupport.PlaceAsync(db, scope, own, null, null, ct);
        if (!placement.Succeeded)
        {
            return placement.Error!;
        }

        var drill = new Drill { On = command.Date, Scenario = command.Scenario!.Trim(), Participants = command.Participants, Notes = command.Notes?.Trim() };
        RecordSupport.Stamp(RecordSupport.At(drill, placement.Value!), scope);
        db.Drills.Add(drill);
        await db.SaveChangesAsync(ct);
        var subject = await RecordSupport.SubjectNamesAsync(db, [drill], ct);
        return Map(drill, subject);
    }

    public async Task<Result<DrillDto>> GetDrillAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = portalDb.Open();
        var d = await db.Drills.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        return d is null ? Error.NotFound("应急演练") : Map(d, await RecordSupport.SubjectNamesAsync(db, [d], ct));
    }

    public async Task<RecordSupport.Page<DrillDto>> ListDrillsAsync(RecordSupport.ListFilter filter, CancellationToken ct = default)
    {
        await using var db = portalDb.Open();
        var query = await RecordSupport.ApplyAsync(db, db.Drills, filter, ct);
        return await RecordSupport.PageAsync(query, filter, async rows =>
        {
            var subject = await RecordSupport.SubjectNamesAsync(db, rows, ct);
            return rows.Select(d => Map(d, subject)).ToList();
        }, ct);
    }

    /// <summary>
    /// Head-led inspection and drill duty of every enterprise in scope (or under a jurisdiction) as of a
    /// day — by default today, or the campaign's last day once it is over. Only signed, current
    /// (not superseded) head-led inspections count.
    /// </summary>
    public async Task<Result<List<DutyRow>>> DutiesAsync(string? jurisdiction, DateOnly? asOf, bool behindOnly, CancellationToken ct = default)
    {
        await using var db = portalDb.Open();
        var campaign = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Code == Campaign.Default, ct);
        var day = asOf ?? campaign.AsOfDefault(ChinaTime.Today(clock));
        if (RecordDates.Check(day, "asOf", "统计日期") is { } outside)
        {
            return outside;
        }
        var enterprises = db.Enterprises.Where(e => !e.Disabled);
        if (!string.IsNullOrWhiteSpace(jurisdiction))
        {
            var node = await db.Jurisdictions.Where(j => j.Code == jurisdiction).Select(j => new { j.Path }).SingleOrDefaultAsync(ct);
            if (node is null)
            {
                return Error.NotFound("行政区划");
            }

            enterprises = enterprises.Where(e => e.Path.IsDescendantOf(node.Path));
        }

        var list = await enterprises.OrderBy(e => e.JurisdictionCode).ThenBy(e => e.Name).Take(5000)
            .Select(e => new { e.Id, e.Name, e.JurisdictionCode, e.HighRisk }).ToListAsync(ct);
        var ids = list.Select(e => e.Id).ToList();
        var heads = (await db.Inspections.Where(i => i.Kind == InspectionKind.HeadLed && i.FrozenAt != null && i.SupersededById == null && ids.Contains(i.EnterpriseId!.Value) && i.On <= day)
            .Select(i => new { EnterpriseId = i.EnterpriseId!.Value, i.On }).ToListAsync(ct)).ToLookup(i => i.EnterpriseId, i => i.On);
        var drills = (await db.Drills.Where(d => ids.Contains(d.EnterpriseId!.Value) && d.On <= day)
            .Select(d => new { EnterpriseId = d.EnterpriseId!.Value, d.On }).ToListAsync(ct)).ToLookup(d => d.EnterpriseId, d => d.On);
        var names = await RecordSupport.JurisdictionNamesAsync(db, list.Select(e => e.JurisdictionCode), ct);
        var rows = list.Select(e =>
        {
            var head = Duties.HeadInspection(e.HighRisk, campaign.StartsOn, day, heads[e.Id]);
            var drill = Duties.Drill(e.HighRisk, campaign.StartsOn, campaign.EndsOn, day, drills[e.Id]);
            return new DutyRow(e.Id, e.Name, e.JurisdictionCode, names.GetValueOrDefault(e.JurisdictionCode, e.JurisdictionCode), e.HighRisk,
                head.Missed.Select(p => p.Label).ToList(), head.CurrentDone, drill.Missed.Select(p => p.Label).ToList(), drill.CurrentDone,
                heads[e.Id].DefaultIfEmpty().Max() is var h && h != default ? h : null,
                drills[e.Id].DefaultIfEmpty().Max() is var d && d != default ? d : null);
        });
        return (behindOnly ? rows.Where(r => r.Behind) : rows).ToList();
    }

    /// <summary>The day duties are judged on by default: today, or the campaign's last day once it is over.</summary>
    public async Task<DateOnly> DefaultDayAsync(CancellationToken ct = default)
    {
        await using var db = portalDb.Open();
        return (await db.Campaigns.AsNoTracking().SingleAsync(c => c.Code == Campaign.Default, ct)).AsOfDefault(ChinaTime.Today(clock));
    }

    private static DrillDto Map(Drill d, Func<FieldRecord, string> subject) =>
        new(d.Id, d.EnterpriseId!.Value, subject(d), d.On, d.Scenario, d.Participants, d.Notes, d.RecordedBy);
}
