using HazardPortal.Core.Data;
using HazardPortal.Core.Hazards;
using HazardPortal.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Home;

/// <summary>
/// The enterprise's own to-do list on its home page (issue #16 §4): its overdue, due-soon, returned (verification
/// failed) and draft hazards, each a link; then what the other features add (<see cref="IEnterpriseToDoSource"/>: the
/// commitment receipt, the head-led inspection and drill duties due).
/// Read in the enterprise's own scope (the tenant filter keeps it to its hazards).
/// </summary>
public sealed class EnterpriseToDo(PortalDb portalDb, IEnumerable<IEnterpriseToDoSource> sources, TimeProvider clock)
{
    public sealed record HazardLine(Guid Id, string Title, DateOnly? DueOn, string Note);

    public sealed record ToDo(
        IReadOnlyList<HazardLine> Overdue, IReadOnlyList<HazardLine> DueSoon, IReadOnlyList<HazardLine> Returned, IReadOnlyList<HazardLine> Drafts,
        IReadOnlyList<ToDoGroup> Others)
    {
        /// <summary>Nothing to do: no hazard line, and nothing due in the other groups (a signed receipt is shown but is not a to-do).</summary>
        public bool Empty => Overdue.Count + DueSoon.Count + Returned.Count + Drafts.Count == 0 && !Others.Any(g => g.AnyDue);
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

        var groups = new List<ToDoGroup>();
        foreach (var source in sources.OrderBy(s => s.Order))
        {
            groups.AddRange(await source.GroupsAsync(ct));
        }

        return new ToDo(overdue, soon, returned, drafts, groups);
    }
}
