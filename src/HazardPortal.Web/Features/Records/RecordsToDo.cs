using HazardPortal.Web.Features.Shared;

namespace HazardPortal.Web.Features.Records;

/// <summary>
/// The records' part of the enterprise's to-do list (issue #16 §4): its 安全生产承诺回执书 (to fill, to sign, or signed on a
/// day) and the head-led inspections and emergency drills it has not carried out in past and current periods.
/// </summary>
public sealed class RecordsToDo(Commitments commitments, EnterpriseDuties duties) : IEnterpriseToDoSource
{
    public int Order => 10;

    public async Task<IReadOnlyList<ToDoGroup>> GroupsAsync(CancellationToken ct = default)
    {
        var groups = new List<ToDoGroup>();
        if ((await commitments.StatusAsync(null, null, ct)).Value is { } status && status.Rows.Count > 0 && status.Rows[0] is { } mine)
        {
            var late = mine.Overdue ? "，已逾期" : string.Empty;
            var (text, due) = mine.State switch
            {
                Commitments.ReturnState.Missing => ($"{status.CampaignName}安全生产承诺回执书尚未填写（{status.DueOn:yyyy-MM-dd}前签署）{late}", true),
                Commitments.ReturnState.NotSigned => ($"{status.CampaignName}安全生产承诺回执书待主要负责人签署（{status.DueOn:yyyy-MM-dd}前）{late}", true),
                _ => ($"{status.CampaignName}安全生产承诺回执书已于{mine.SignedOn:yyyy-MM-dd}签署", false),
            };
            groups.Add(new ToDoGroup("承诺回执书", [new ToDoItem(text, "/records/commitments", due, "todo-commitment")]));
        }

        if ((await duties.DutiesAsync(null, null, false, ct)).Value is [var duty, ..])
        {
            ToDoItem Inspection(string text) => new($"主要负责人带队检查：{text}", "/records/inspections", true, "todo-duty");
            ToDoItem Drill(string text) => new($"应急演练：{text}", "/records/drills", true, "todo-duty");
            var items = duty.HeadInspectionMissed.Select(p => Inspection($"{p}未开展"))
                .Concat(duty.HeadInspectionCurrentDone ? [] : [Inspection("本期尚未开展")])
                .Concat(duty.DrillMissed.Select(p => Drill($"{p}未开展")))
                .Concat(duty.DrillCurrentDone ? [] : [Drill("本期尚未开展")])
                .ToList();
            if (items.Count > 0)
            {
                groups.Add(new ToDoGroup("主要负责人带队检查和应急演练", items));
            }
        }

        return groups;
    }
}
