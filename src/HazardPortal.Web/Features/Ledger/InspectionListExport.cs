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
/// One row per inspection the unit recorded that month (the current version of an amended record),
/// with the hazards it found; a township-found hazard that no inspection record holds gets a row of its own.
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

        // The unit's own inspections of the month (current versions), each with the hazards it found …
        var inspections = await db.Inspections.AsNoTracking()
            .Where(i => i.RecordedByUnitId == actor.UnitId && i.On >= first && i.On <= last && i.SupersededById == null)
            .OrderBy(i => i.On).ThenBy(i => i.CreatedAt).ToListAsync(ct);
        var linked = inspections.SelectMany(i => i.HazardIds).Distinct().ToList();

        // … and, as rows of their own, township-found hazards of the month no inspection record holds.
        var hazards = await HazardStore.Visible(db, actor).AsNoTracking()
            .Where(h => h.Status != HazardStatus.Voided && (linked.Contains(h.Id)
                || (h.Source == HazardSource.TownshipInspection && h.FoundOn >= first && h.FoundOn <= last)))
            .ToListAsync(ct);
        var byId = hazards.ToDictionary(h => h.Id);
        var unlinked = hazards.Where(h => !linked.Contains(h.Id) && h.Source == HazardSource.TownshipInspection);
        var subjectIds = inspections.Select(i => i.EnterpriseId).Concat(hazards.Select(h => h.EnterpriseId)).Where(x => x is not null).Select(x => x!.Value).Distinct().ToList();
        var placeIds = inspections.Select(i => i.PlaceId).Concat(hazards.Select(h => h.PlaceId)).Where(x => x is not null).Select(x => x!.Value).Distinct().ToList();
        var enterprises = await db.Enterprises.Where(e => subjectIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        var places = await db.Places.Where(p => placeIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        string SubjectOf(Guid? enterpriseId, Guid? placeId) =>
            enterpriseId is { } e ? enterprises.GetValueOrDefault(e, string.Empty) : placeId is { } p ? places.GetValueOrDefault(p, string.Empty) : string.Empty;

        var rows = inspections
            .Select(i => new Row(i.On, i.CreatedAt, SubjectOf(i.EnterpriseId, i.PlaceId), i.HazardIds.Where(byId.ContainsKey).Select(id => byId[id]).ToList(), i.Notes))
            .Concat(unlinked.Select(h => new Row(h.FoundOn, h.CreatedAt, SubjectOf(h.EnterpriseId, h.PlaceId), [h], null)))
            .OrderBy(r => r.Day).ThenBy(r => r.Subject, StringComparer.Ordinal) // a day's rows by 排查单位, so the list reads the same however it was entered
            .ThenBy(r => r.Hazards.FirstOrDefault()?.Title, StringComparer.Ordinal).ThenBy(r => r.Created).ToList();
        var photoHazards = rows.Select(r => r.Hazards.FirstOrDefault()?.Id).Where(x => x is not null).Select(x => x!.Value).ToList();
        var photos = (await db.HazardPhotos.AsNoTracking().Where(p => photoHazards.Contains(p.HazardId) && p.Stage == PhotoStage.Before)
                .Select(p => new { p.Id, p.HazardId, p.UploadedAt }).ToListAsync(ct))
            .GroupBy(p => p.HazardId).ToDictionary(g => g.Key, g => g.OrderBy(p => p.UploadedAt).First().Id);

        using var workbook = new XLWorkbook();
        workbook.Style.Font.FontName = Shared.PrintSetup.BodyFont;
        var sheet = workbook.AddWorksheet("排查表");
        sheet.Cell(1, 1).Value = $"{actor.UnitName}重大事故隐患排查表";
        sheet.Range(1, 1, 1, Headers.Length).Merge().Style.Font.SetBold().Font.SetFontSize(16).Font.SetFontName(Shared.PrintSetup.TitleFont).Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
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
            var major = row.Hazards.Where(h => h.Grade == HazardGrade.Major).ToList();
            var general = row.Hazards.Where(h => h.Grade != HazardGrade.Major).ToList();
            sheet.Cell(r, 1).Value = r - 3;
            sheet.Cell(r, 2).Value = row.Subject;
            sheet.Cell(r, 3).Value = row.Day.ToDateTime(TimeOnly.MinValue);
            sheet.Cell(r, 3).Style.DateFormat.Format = "yyyy-mm-dd";
            sheet.Cell(r, 5).Value = string.Join("；", row.Hazards.Select(h => h.Location).Where(l => !string.IsNullOrWhiteSpace(l)).Distinct());
            sheet.Cell(r, 6).Value = major.Count > 0
                ? "有。" + string.Join("；", major.Select(h => $"{h.Title}。{h.Description}"))
                : general.Count > 0 ? $"无重大隐患（一般隐患：{string.Join("、", general.Select(h => h.Title))}）" : "无重大隐患";
            sheet.Cell(r, 7).Value = major.Count > 0 ? string.Join("；", major.Select(Disposal)) : general.Count > 0 ? string.Join("；", general.Select(Disposal)) : "—";
            sheet.Cell(r, 8).Value = string.Join("；", row.Hazards.SelectMany(h => new[]
            {
                h.Supervision is { RemovedOn: null } s ? $"{HazardNames.Level(s.Level)}挂牌督办" : null,
                h.IsOverdue(today) ? "逾期未整改" : null,
            }).Where(x => x is not null).Distinct());
            if (row.Hazards.Count == 0 && row.Notes is { Length: > 0 } notes)
            {
                sheet.Cell(r, 8).Value = notes.Length > 200 ? notes[..200] + "…" : notes;
            }
            sheet.Row(r).Height = 72;
            if (row.Hazards.FirstOrDefault() is { } pictured && photos.TryGetValue(pictured.Id, out var photoId))
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
        Shared.PrintSetup.A4(sheet, landscape: true, repeatFrom: 3);

        // 002 附件1's note under the table, word for word.
        sheet.Cell(r + 1, 1).Value = Note;
        sheet.Range(r + 1, 1, r + 1, Headers.Length).Merge();
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    /// <summary>002 附件1's 注.</summary>
    public const string Note = "注：本表5月份开始上报，每月30日前上报本月隐患排查情况。";

    private sealed record Row(DateOnly Day, DateTimeOffset Created, string Subject, List<Hazard> Hazards, string? Notes);

    private static string Disposal(Hazard h) => h.Status switch
    {
        HazardStatus.Verified => $"已整改（{h.RectifiedOn:yyyy-MM-dd}），{h.VerifiedOn:yyyy-MM-dd} 验收销号，验收人：{h.Acceptor}",
        HazardStatus.Rectified => $"已整改（{h.RectifiedOn:yyyy-MM-dd}）：{h.RectificationDescription}，待验收",
        _ when h.Immediate => "即查即改",
        _ => $"已责令整改：{h.Plan.Measures}；责任人{h.Plan.ResponsiblePerson}，期限{h.CurrentDeadline:yyyy-MM-dd}",
    };
}
