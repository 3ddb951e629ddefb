using HazardPortal.Core.Data;
using HazardPortal.Core.Hazards;
using HazardPortal.Web.Features.Records;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Home;

/// <summary>
/// The enterprise's own to-do list on its home page (issue #16 §4): its overdue, due-soon, returned (verification
/// failed) and draft hazards, each a link; its commitment receipt; its head-led inspection and drill duties due.
/// Read in the enterprise's own scope (the tenant filter keeps it to its hazards).
/// </summary>
public sealed class EnterpriseToDo(PortalDb portalDb, Commitments commitments, EnterpriseDuties duties, TimeProvider clock)
{
    public sealed record HazardLine(Guid Id, string Title, DateOnly? DueOn, string Note);

    public sealed record ToDo(
        IReadOnlyList<HazardLine> Overdue, IReadOnlyList<HazardLine> DueSoon, IReadOnlyList<HazardLine> Returned, IReadOnlyList<HazardLine> Drafts,
        string? Commitment, bool CommitmentDue, IReadOnlyList<string> DutiesDue)
    {
        public bool Empty => Overdue.Count + DueSoon.Count + Returned.Count + Drafts.Count + DutiesDue.Count == 0 && !CommitmentDue;
    }

    /// <summary>Days ahead that count as due soon (the escalation ladder's 临期).</summary>
    public const int DueSoonDays = 7;

    public async Task<ToDo?> LoadAsync(CancellationToken ct = default)
    {
        if (portalDb.Scope.EnterpriseId is null)
        {
            return null;
        }

        var today = ChinaTime.Today(clock);
        await using var db = portalDb.Open();
        var open = await db.Hazards.AsNoTracking()
            .Where(h => h.AwaitingRectification || h.Status == HazardStatus.Draft)
            .OrderBy(h => h.DueOn).Take(500)
            .Select(h => new
            {
                h.Id, h.Title, h.DueOn, h.Status, h.AwaitingRectification,
                Last = db.HazardEvents.Where(e => e.HazardId == h.Id).OrderByDescending(e => e.Sequence).Select(e => new { e.Kind, e.Note }).FirstOrDefault(),
            })
            .ToListAsync(ct);

        HazardLine Line(Guid id, string title, DateOnly? due, string note) => new(id, title, due, note);
        var returned = open.Where(h => h.AwaitingRectification && h.Last?.Kind == HazardEventKind.VerificationFailed)
            .Select(h => Line(h.Id, h.Title, h.DueOn, $"验收未通过：{h.Last!.Note ?? "请按要求重新整改"}")).ToList();
        var overdue = open.Where(h => h.AwaitingRectification && h.DueOn < today && returned.All(r => r.Id != h.Id))
            .Select(h => Line(h.Id, h.Title, h.DueOn, $"已逾期{today.DayNumber - h.DueOn!.Value.DayNumber}天")).ToList();
        var soon = open.Where(h => h.AwaitingRectification && h.DueOn >= today && h.DueOn <= today.AddDays(DueSoonDays) && returned.All(r => r.Id != h.Id))
            .Select(h => Line(h.Id, h.Title, h.DueOn, h.DueOn == today ? "今天到期" : $"还剩{h.DueOn!.Value.DayNumber - today.DayNumber}天")).ToList();
        var drafts = open.Where(h => h.Status == HazardStatus.Draft).Select(h => Line(h.Id, h.Title, h.DueOn, "草稿，尚未登记")).ToList();

        string? receipt = null;
        var receiptDue = false;
        if ((await commitments.StatusAsync(null, null, ct)).Value is { } status && status.Rows.Count > 0 && status.Rows[0] is { } mine)
        {
            receiptDue = mine.State is Commitments.ReturnState.Missing or Commitments.ReturnState.NotSigned;
            receipt = mine.State switch
            {
                Commitments.ReturnState.Missing => $"{status.CampaignName}安全生产承诺回执书尚未填写（{status.DueOn:yyyy-MM-dd}前签署）{(mine.Overdue ? "，已逾期" : "")}",
                Commitments.ReturnState.NotSigned => $"{status.CampaignName}安全生产承诺回执书待主要负责人签署（{status.DueOn:yyyy-MM-dd}前）{(mine.Overdue ? "，已逾期" : "")}",
                _ => $"{status.CampaignName}安全生产承诺回执书已于{mine.SignedOn:yyyy-MM-dd}签署",
            };
        }

        var dutiesDue = new List<string>();
        if ((await duties.DutiesAsync(null, null, false, ct)).Value is [var duty, ..])
        {
            dutiesDue.AddRange(duty.HeadInspectionMissed.Select(p => $"主要负责人带队检查：{p}未开展"));
            if (!duty.HeadInspectionCurrentDone)
            {
                dutiesDue.Add("主要负责人带队检查：本期尚未开展");
            }

            dutiesDue.AddRange(duty.DrillMissed.Select(p => $"应急演练：{p}未开展"));
            if (!duty.DrillCurrentDone)
            {
                dutiesDue.Add("应急演练：本期尚未开展");
            }
        }

        return new ToDo(overdue, soon, returned, drafts, receipt, receiptDue, dutiesDue);
    }
}
