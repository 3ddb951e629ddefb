using System.Globalization;
using System.Runtime.InteropServices;
using ClosedXML.Excel;
using HazardPortal.Core.Common;
using HazardPortal.Core.Data;
using HazardPortal.Core.Hazards;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Ledger;

/// <summary>
/// 排查表 (002 附件1) for a month: the township's inspections with the before-photo in the cell,
/// in the seed's layout: 序号、排查单位、排查时间、排查图片、排查地点、有无重大隐患及隐患描述、重大隐患处置情况及建议、备注.
/// Until inspection records exist (field-records issue), one row per hazard the township's inspections registered.
/// </summary>
public sealed class InspectionListExport(PortalDb portalDb, TimeProvider clock, ILogger<InspectionListExport> logger)
{
    public static readonly string[] Headers = ["序号", "排查单位", "排查时间", "排查图片", "排查地点", "有无重大隐患及隐患描述", "重大隐患处置情况及建议", "备注"];

    public async Task<Result<byte[]>> ExportAsync(string month, CancellationToken ct = default)
    {
        if (!DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
        {
            return Error.Invalid("month", "月份格式应为yyyy-MM");
        }

        var last = first.AddMonths(1).AddDays(-1);
        var actor = HazardRules.ActorOf(portalDb.Scope);
        var today = ChinaTime.Today(clock);
        await using var db = portalDb.Open();
        var rows = await HazardStore.Visible(db, actor).AsNoTracking()
            .Where(h => h.Source == HazardSource.TownshipInspection && h.FoundOn >= first && h.FoundOn <= last && h.Status != HazardStatus.Voided)
            .OrderBy(h => h.FoundOn).ThenBy(h => h.CreatedAt)
            .Select(h => new
            {
                Hazard = h,
                Subject = h.EnterpriseId != null
                    ? db.Enterprises.Where(e => e.Id == h.EnterpriseId).Select(e => e.Name).FirstOrDefault()
                    : db.Places.Where(p => p.Id == h.PlaceId).Select(p => p.Name).FirstOrDefault(),
                PhotoId = db.HazardPhotos.Where(p => p.HazardId == h.Id && p.Stage == PhotoStage.Before).OrderBy(p => p.UploadedAt).Select(p => (Guid?)p.Id).FirstOrDefault(),
            })
            .ToListAsync(ct);

        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("排查表");
        sheet.Cell(1, 1).Value = $"{actor.UnitName}重大事故隐患排查表";
        sheet.Range(1, 1, 1, Headers.Length).Merge().Style.Font.SetBold().Font.SetFontSize(16).Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
        sheet.Cell(2, 1).Value = $"（{first:yyyy年M月}）";
        sheet.Range(2, 1, 2, Headers.Length).Merge().Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
        for (var i = 0; i < Headers.Length; i++)
        {
            sheet.Cell(3, i + 1).Value = Headers[i];
        }

        sheet.Row(3).Style.Font.SetBold().Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center).Alignment.SetVertical(XLAlignmentVerticalValues.Center);
        double[] widths = [6, 26, 12, 20, 18, 36, 36, 16];
        for (var i = 0; i < widths.Length; i++)
        {
            sheet.Column(i + 1).Width = widths[i];
        }

        var r = 4;
        foreach (var row in rows)
        {
            var h = row.Hazard;
            sheet.Cell(r, 1).Value = r - 3;
            sheet.Cell(r, 2).Value = row.Subject ?? string.Empty;
            sheet.Cell(r, 3).Value = h.FoundOn.ToDateTime(TimeOnly.MinValue);
            sheet.Cell(r, 3).Style.DateFormat.Format = "yyyy-mm-dd";
            sheet.Cell(r, 5).Value = h.Location ?? string.Empty;
            sheet.Cell(r, 6).Value = h.Grade == HazardGrade.Major ? $"有。{h.Title}。{h.Description}" : $"无重大隐患（一般隐患：{h.Title}）";
            sheet.Cell(r, 7).Value = Disposal(h);
            sheet.Cell(r, 8).Value = string.Join("；", new[]
            {
                h.Supervision is { RemovedOn: null } s ? $"{HazardNames.Level(s.Level)}挂牌督办" : null,
                h.IsOverdue(today) ? "逾期未整改" : null,
            }.Where(x => x is not null));
            sheet.Row(r).Height = 72;
            if (row.PhotoId is { } photoId)
            {
                var bytes = await db.HazardPhotos.Where(p => p.Id == photoId).Select(p => p.Content).SingleAsync(ct);
                try
                {
                    var picture = sheet.AddPicture(new MemoryStream(bytes)).MoveTo(sheet.Cell(r, 4), 4, 4);
                    var scale = Math.Min(136.0 / picture.OriginalWidth, 88.0 / picture.OriginalHeight);
                    picture.Scale(scale);
                }
                catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or OutOfMemoryException or TypeInitializationException or ExternalException or DllNotFoundException or PlatformNotSupportedException)
                {
                    logger.LogWarning(ex, "Photo {PhotoId} could not be placed in the inspection list", photoId);
                    sheet.Cell(r, 4).Value = "（照片无法显示，请在系统中查看）";
                }
            }

            r++;
        }

        var table = sheet.Range(3, 1, Math.Max(3, r - 1), Headers.Length);
        table.Style.Border.SetOutsideBorder(XLBorderStyleValues.Thin).Border.SetInsideBorder(XLBorderStyleValues.Thin).Alignment.SetWrapText(true).Alignment.SetVertical(XLAlignmentVerticalValues.Center);
        sheet.PageSetup.PageOrientation = XLPageOrientation.Landscape;
        sheet.PageSetup.FitToPages(1, 0);
        sheet.PageSetup.SetRowsToRepeatAtTop(3, 3);
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    private static string Disposal(Hazard h) => h.Status switch
    {
        HazardStatus.Verified => $"已整改（{h.RectifiedOn:yyyy-MM-dd}），{h.VerifiedOn:yyyy-MM-dd} 验收销号，验收人：{h.Acceptor}",
        HazardStatus.Rectified => $"已整改（{h.RectifiedOn:yyyy-MM-dd}）：{h.RectificationDescription}，待验收",
        _ when h.Immediate => "即查即改",
        _ => $"已责令整改：{h.Plan.Measures}；责任人{h.Plan.ResponsiblePerson}，期限{h.CurrentDeadline:yyyy-MM-dd}",
    };
}
