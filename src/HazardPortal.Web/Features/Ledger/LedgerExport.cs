using HazardPortal.Core.Common;
using HazardPortal.Core.Hazards;

namespace HazardPortal.Web.Features.Ledger;

/// <summary>The ledger (台账清单) as .xlsx with the filters applied: one row per hazard, Chinese headers.</summary>
public sealed class LedgerExport(HazardQueries queries, TimeProvider clock)
{
    private static readonly string[] Headers =
    [
        "序号", "隐患名称", "隐患描述", "排查对象", "排查地点", "行业领域", "隐患等级", "来源", "发现日期", "发现人", "判定依据", "条款",
        "整改责任人", "责任部门", "整改措施", "整改资金（元）", "整改期限", "应急预案", "状态", "报告日期", "整改日期", "整改情况", "指定验收单位（验收人）", "验收日期", "验收人", "挂牌督办", "逾期",
    ];

    private static readonly double[] Widths = [6, 26, 30, 24, 16, 14, 8, 10, 11, 10, 16, 14, 10, 16, 28, 12, 11, 20, 10, 11, 11, 24, 18, 11, 12, 10, 6];

    /// <summary>Every hazard the filter finds (no row limit), streamed into an A4 landscape sheet fit to the page's width.</summary>
    public async Task<Result<Stream>> ExportAsync(HazardQueries.Filter filter, CancellationToken ct = default)
    {
        var today = ChinaTime.Today(clock);
        var found = await queries.ExportStreamAsync(filter, ct);
        if (!found.Succeeded)
        {
            return found.Error!;
        }

        var columns = Headers.Select((h, i) => new Shared.XlsxStream.Column(h, Widths[i])).ToList();
        var sectors = await queries.SectorNamesAsync(ct);
        return await Shared.XlsxStream.WriteAsync("隐患台账", $"隐患排查治理台账（导出日期：{today:yyyy年M月d日}）", columns, Rows(found.Value!, sectors, today, ct), landscape: true, ct);
    }

    private static async IAsyncEnumerable<object?[]> Rows(
        IAsyncEnumerable<HazardQueries.ExportRow> rows, IReadOnlyDictionary<string, string> sectors, DateOnly today, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var n = 0;
        await foreach (var (h, subject, departments) in rows.WithCancellation(ct))
        {
            yield return
            [
                ++n, h.Title, h.Description, subject, h.Location, sectors.GetValueOrDefault(h.SectorCode, h.SectorCode), HazardNames.Grade(h.Grade), HazardNames.Source(h.Source), h.FoundOn, h.FoundBy,
                h.BasisStandardCode, h.BasisClause, h.Plan.ResponsiblePerson, h.ResponsibleDepartment ?? departments, h.Plan.Measures, h.Plan.Funds, h.CurrentDeadline, h.Plan.EmergencyPlan,
                HazardNames.Status(h.Status), h.ReportedOn, h.RectifiedOn, h.RectificationDescription, h.Acceptance,
                h.VerifiedOn, h.Acceptor, h.Supervision is { RemovedOn: null } s ? HazardNames.Level(s.Level) : null, h.IsOverdue(today) ? "是" : "否",
            ];
        }
    }
}
