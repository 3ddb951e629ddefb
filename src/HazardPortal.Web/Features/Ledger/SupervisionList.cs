using ClosedXML.Excel;
using HazardPortal.Core.Authorization;
using HazardPortal.Core.Common;
using HazardPortal.Core.Data;
using HazardPortal.Core.Hazards;
using HazardPortal.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Ledger;

/// <summary>
/// 挂牌督办 as a record (issue #16 §2): every supervised hazard in the office's scope with its 督办文号, 督办要求 and
/// 督办 deadline (not the hazard's own 整改期限), the days left or overdue, the latest progress, and whether it can be
/// taken off (摘牌, once verified, by the tagging office). Ordered by the 督办 deadline; exportable.
/// </summary>
public sealed class SupervisionList(PortalDb portalDb, TimeProvider clock)
{
    /// <param name="PlanDeadline">The hazard's own 整改期限 (its plan, after extensions), beside the 督办 <paramref name="Deadline"/>.</param>
    public sealed record Row(
        Guid Id, string Title, string Subject, string Level, string UnitName, string? DocumentNumber, string? Requirements, DateOnly TaggedOn, DateOnly Deadline,
        DateOnly? PlanDeadline, int DaysLeft, bool Overdue, string Status, string? Progress, DateOnly? ProgressOn, DateOnly? RemovedOn, bool CanRemove, uint Version);

    /// <summary>The 督办 list: open tags first by deadline; <paramref name="removed"/> adds the tags already taken off; <paramref name="mine"/> only the user's unit's tags.</summary>
    public async Task<Result<List<Row>>> ListAsync(bool removed = false, bool mine = false, CancellationToken ct = default)
    {
        var scope = portalDb.Scope;
        if (HazardRules.CanReadSupervisionList(scope) is { } refused)
        {
            return refused;
        }

        var actor = HazardRules.ActorOf(scope);
        var today = ChinaTime.Today(clock);
        await using var db = portalDb.Open();
        var q = HazardStore.Visible(db, actor).AsNoTracking().Where(h => h.Supervision != null);
        if (!removed)
        {
            q = q.Where(h => h.Supervision!.RemovedOn == null);
        }

        if (mine && scope.UnitId is { } unit)
        {
            q = q.Where(h => h.Supervision!.UnitId == unit);
        }

        var rows = await q.OrderBy(h => h.Supervision!.RemovedOn != null).ThenBy(h => h.Supervision!.Deadline).ThenBy(h => h.Id).Take(5000)
            .Select(h => new
            {
                h.Id, h.Title, h.Status, PlanDeadline = h.Plan.Deadline, h.Version, h.Supervision,
                Subject = h.EnterpriseId != null
                    ? db.Enterprises.Where(e => e.Id == h.EnterpriseId).Select(e => e.Name).FirstOrDefault()
                    : db.Places.Where(p => p.Id == h.PlaceId).Select(p => p.Name).FirstOrDefault(),
                Last = db.HazardEvents.Where(e => e.HazardId == h.Id).OrderByDescending(e => e.Sequence).Select(e => new { e.Kind, e.On, e.Note }).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var isOffice = AccessRules.IsSafetyOffice(scope);
        return rows.Select(h =>
        {
            var s = h.Supervision!;
            var left = s.Deadline.DayNumber - today.DayNumber;
            var done = h.Status is HazardStatus.Verified or HazardStatus.Voided;
            return new Row(
                h.Id, h.Title, h.Subject ?? string.Empty, HazardNames.Level(s.Level), s.UnitName, s.DocumentNumber, s.Requirements, s.TaggedOn, s.Deadline, h.PlanDeadline,
                left, !done && s.RemovedOn is null && left < 0, HazardNames.Status(h.Status),
                h.Last is null ? null : $"{HazardNames.Event(h.Last.Kind)}{(string.IsNullOrWhiteSpace(h.Last.Note) ? "" : "：" + h.Last.Note)}", h.Last?.On,
                s.RemovedOn, isOffice && s.RemovedOn is null && h.Status == HazardStatus.Verified && s.UnitId == scope.UnitId, h.Version);
        }).ToList();
    }

    /// <summary>The list as an A4 landscape sheet, one row per supervised hazard.</summary>
    public async Task<Result<byte[]>> ExportAsync(bool removed = false, bool mine = false, CancellationToken ct = default)
    {
        var listed = await ListAsync(removed, mine, ct);
        if (!listed.Succeeded)
        {
            return listed.Error!;
        }

        string[] headers = ["序号", "隐患", "企业/场所", "督办级别", "督办单位", "督办文号", "督办要求", "挂牌日期", "督办期限", "剩余/逾期", "进展", "状态", "摘牌日期"];
        using var workbook = new XLWorkbook();
        workbook.Style.Font.FontName = Shared.PrintSetup.BodyFont;
        var sheet = workbook.AddWorksheet("挂牌督办清单");
        sheet.Cell(1, 1).Value = $"重大事故隐患挂牌督办清单（{portalDb.Scope.UnitName}，截至{ChinaTime.Today(clock):yyyy年M月d日}）";
        sheet.Range(1, 1, 1, headers.Length).Merge().Style.Font.SetBold().Font.SetFontSize(14).Font.SetFontName(Shared.PrintSetup.TitleFont).Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
        for (var i = 0; i < headers.Length; i++)
        {
            sheet.Cell(2, i + 1).Value = headers[i];
        }

        sheet.Row(2).Style.Font.SetBold();
        var r = 3;
        foreach (var x in listed.Value!)
        {
            object?[] values =
            [
                r - 2, x.Title, x.Subject, x.Level, x.UnitName, x.DocumentNumber, x.Requirements, x.TaggedOn.ToString("yyyy-MM-dd"), x.Deadline.ToString("yyyy-MM-dd"),
                DaysText(x), x.Progress, x.Status, x.RemovedOn?.ToString("yyyy-MM-dd"),
            ];
            for (var c = 0; c < values.Length; c++)
            {
                if (values[c] is int n)
                {
                    sheet.Cell(r, c + 1).Value = n;
                }
                else if (values[c] is { } v)
                {
                    sheet.Cell(r, c + 1).Value = v.ToString();
                }
            }

            r++;
        }

        var table = sheet.Range(2, 1, Math.Max(2, r - 1), headers.Length);
        table.Style.Border.SetInsideBorder(XLBorderStyleValues.Thin).Border.SetOutsideBorder(XLBorderStyleValues.Thin).Alignment.SetWrapText(true).Alignment.SetVertical(XLAlignmentVerticalValues.Top);
        double[] widths = [6, 28, 20, 8, 14, 18, 36, 11, 11, 10, 30, 10, 11];
        for (var i = 0; i < widths.Length; i++)
        {
            sheet.Column(i + 1).Width = widths[i];
        }

        Shared.PrintSetup.A4(sheet, landscape: true, repeatFrom: 2);
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    public static string DaysText(Row x) => x.RemovedOn is not null ? "已摘牌" : x.Status is "已验收销号" or "已作废" ? "已完成" : x.DaysLeft switch
    {
        < 0 => $"逾期{-x.DaysLeft}天",
        0 => "今天到期",
        _ => $"剩余{x.DaysLeft}天",
    };
}
