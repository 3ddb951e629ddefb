using HazardPortal.Core.Common;
using ClosedXML.Excel;
using HazardPortal.Core.Hazards;

namespace HazardPortal.Web.Features.Ledger;

/// <summary>The ledger (台账清单) as .xlsx with the filters applied: one row per hazard, Chinese headers.</summary>
public sealed class LedgerExport(HazardQueries queries, TimeProvider clock)
{
    public const int Limit = 50_000;

    private static readonly string[] Headers =
    [
        "序号", "隐患名称", "排查对象", "排查地点", "行业领域", "隐患等级", "来源", "发现日期", "发现人", "判定依据", "条款",
        "整改责任人", "整改措施", "整改资金（元）", "整改期限", "应急预案", "状态", "报告日期", "整改日期", "整改情况", "验收日期", "验收人", "挂牌督办", "逾期",
    ];

    public async Task<Result<byte[]>> ExportAsync(HazardQueries.Filter filter, CancellationToken ct = default)
    {
        var today = ChinaTime.Today(clock);
        var found = await queries.ExportRowsAsync(filter, Limit, ct);
        if (!found.Succeeded)
        {
            return found.Error!;
        }

        var rows = found.Value!;
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("隐患台账");
        sheet.Cell(1, 1).Value = $"隐患排查治理台账（导出日期：{today:yyyy年M月d日}）";
        sheet.Range(1, 1, 1, Headers.Length).Merge().Style.Font.SetBold().Font.SetFontSize(14).Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
        for (var i = 0; i < Headers.Length; i++)
        {
            sheet.Cell(2, i + 1).Value = Headers[i];
        }

        sheet.Row(2).Style.Font.SetBold().Fill.SetBackgroundColor(XLColor.FromHtml("#F2F2F2"));
        var r = 3;
        foreach (var (h, subject) in rows)
        {
            object?[] values =
            [
                r - 2, h.Title, subject, h.Location, h.SectorCode, HazardNames.Grade(h.Grade), HazardNames.Source(h.Source), h.FoundOn.ToString("yyyy-MM-dd"), h.FoundBy,
                h.BasisStandardCode, h.BasisClause, h.Plan.ResponsiblePerson, h.Plan.Measures, h.Plan.Funds, h.CurrentDeadline?.ToString("yyyy-MM-dd"), h.Plan.EmergencyPlan,
                HazardNames.Status(h.Status), h.ReportedOn?.ToString("yyyy-MM-dd"), h.RectifiedOn?.ToString("yyyy-MM-dd"), h.RectificationDescription,
                h.VerifiedOn?.ToString("yyyy-MM-dd"), h.Acceptor, h.Supervision is { RemovedOn: null } s ? HazardNames.Level(s.Level) : null, h.IsOverdue(today) ? "是" : "否",
            ];
            for (var c = 0; c < values.Length; c++)
            {
                var cell = sheet.Cell(r, c + 1);
                switch (values[c])
                {
                    case int n: cell.Value = n; break;
                    case decimal d: cell.Value = d; break;
                    case null: break;
                    default: cell.Value = values[c]!.ToString(); break;
                }
            }

            r++;
        }

        // Dates are real Excel dates shown as yyyy-mm-dd (ClosedXML turns date-like text into dates anyway).
        foreach (var column in new[] { 8, 15, 18, 19, 21 })
        {
            sheet.Column(column).Style.DateFormat.Format = "yyyy-mm-dd";
        }

        double[] widths = [6, 28, 26, 16, 12, 8, 10, 11, 10, 16, 14, 10, 28, 12, 11, 20, 10, 11, 11, 24, 11, 12, 10, 6];
        for (var i = 0; i < widths.Length; i++)
        {
            sheet.Column(i + 1).Width = widths[i];
        }

        sheet.Range(2, 1, Math.Max(2, r - 1), Headers.Length).Style.Border.SetOutsideBorder(XLBorderStyleValues.Thin).Border.SetInsideBorder(XLBorderStyleValues.Thin);
        sheet.SheetView.FreezeRows(2);
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }
}
