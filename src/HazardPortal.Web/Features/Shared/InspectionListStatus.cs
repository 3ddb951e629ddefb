using HazardPortal.Core.Data;
using HazardPortal.Core.Hazards;
using HazardPortal.Core.Records;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Shared;

/// <summary>
/// How a township's 排查表 (002 附件1) stands month by month: reported by the 30th (<see cref="InspectionListFiling"/>),
/// reading 已上报 / 逾期上报 / 逾期未报 like the forms. The ledger's 排查表 page and the dispatch home both show it.
/// </summary>
public sealed class InspectionListStatus(PortalDb portalDb, DispatchReference reference, TimeProvider clock)
{
    public enum FilingState
    {
        /// <summary>Not yet due, not reported.</summary>
        Open,
        Submitted,
        SubmittedLate,
        Missing,
    }

    public sealed record MonthStatus(string Period, DateOnly DueOn, FilingState State, string StateText, DateTimeOffset? SubmittedAt, string? SubmittedBy, int? Rows);

    public static string StateName(FilingState state) => state switch
    {
        FilingState.Submitted => "已上报",
        FilingState.SubmittedLate => "逾期上报",
        FilingState.Missing => "逾期未报",
        _ => "未上报",
    };

    /// <summary>The signed-in township's months from May of the campaign year to this one, each with how it stands.</summary>
    public async Task<IReadOnlyList<MonthStatus>> MonthsAsync(CancellationToken ct = default)
    {
        await using var db = portalDb.Open();
        return await MonthsAsync(db, ChinaTime.Today(clock), ct);
    }

    /// <summary>The same on the caller's context and day.</summary>
    public async Task<List<MonthStatus>> MonthsAsync(AppDbContext db, DateOnly today, CancellationToken ct)
    {
        var unitKey = portalDb.Scope.OwnCode!;
        var filings = await db.InspectionListFilings.AsNoTracking().Where(f => f.UnitKey == unitKey).ToDictionaryAsync(f => f.Period, ct);
        var campaign = (await reference.GetAsync(portalDb, ct)).Campaigns[Campaign.Default];
        var months = new List<MonthStatus>();
        var end = today < campaign.EndsOn ? today : campaign.EndsOn; // the table is reported while the campaign runs
        for (var first = new DateOnly(campaign.StartsOn.Year, InspectionListFiling.FirstMonth, 1); first <= end; first = first.AddMonths(1))
        {
            var period = $"{first:yyyy-MM}";
            var due = InspectionListFiling.DueOf(first);
            var filed = filings.GetValueOrDefault(period);
            var state = filed is not null ? filed.Late ? FilingState.SubmittedLate : FilingState.Submitted : today > due ? FilingState.Missing : FilingState.Open;
            months.Add(new MonthStatus(period, due, state, StateName(state), filed?.SubmittedAt, filed?.SubmittedBy, filed?.Rows));
        }

        return months;
    }
}
