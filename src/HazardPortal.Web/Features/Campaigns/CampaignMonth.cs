using HazardPortal.Core.Hazards;
using HazardPortal.Web.Features.Shared;

namespace HazardPortal.Web.Features.Campaigns;

/// <summary>
/// The campaign's part of the 安委办's month page: the units behind on its task checklist, and the materials it issued
/// that units still owe or that it owes its superior and has not sent.
/// </summary>
public sealed class CampaignMonth(CampaignTasks tasks, CampaignPlans plans, TimeProvider clock) : IOfficeMonthSource
{
    public sealed record TaskLine(string Unit, string Name, int Done, int Overdue);

    /// <summary>A deliverable this office issued with units still owing it, or one it owes its superior and has not sent.</summary>
    public sealed record DeliverableLine(Guid Id, string Campaign, string Name, string Issuer, DateOnly DueOn, bool Issued, int Missing, int Owing, bool Overdue);

    public sealed record Duties(IReadOnlyList<TaskLine> TasksBehind, IReadOnlyList<DeliverableLine> Deliverables);

    public int Order => 30;

    public async Task<MonthSection> LoadAsync(CancellationToken ct = default)
    {
        var today = ChinaTime.Today(clock);
        var board = await tasks.BoardAsync(ct);
        var behind = (board.Value?.Units ?? []).Where(u => u.Overdue > 0).Select(u => new TaskLine(u.Unit, u.Name, u.Done, u.Overdue)).ToList();
        var deliverables = new List<DeliverableLine>();
        foreach (var campaign in await plans.ListAsync(ct))
        {
            foreach (var d in campaign.Deliverables)
            {
                if (d.Mine && (await plans.StatusAsync(d.Id, ct)).Value is { } rows && rows.Any(r => r.UploadId is null))
                {
                    deliverables.Add(new DeliverableLine(d.Id, campaign.Name, d.Name, d.IssuerName, d.DueOn, true, rows.Count(r => r.UploadId is null), rows.Count, d.DueOn < today));
                }
                else if (d.Owed && d.MyUploadAt is null)
                {
                    deliverables.Add(new DeliverableLine(d.Id, campaign.Name, d.Name, d.IssuerName, d.DueOn, false, 1, 1, d.DueOn < today));
                }
            }
        }

        return new MonthSection(
            [new MonthTag("任务逾期单位", behind.Count, Urgent: false), new MonthTag("待报材料", deliverables.Count, Urgent: false)],
            typeof(CampaignMonthSection), new Duties(behind, deliverables.OrderBy(d => d.DueOn).ToList()));
    }
}
