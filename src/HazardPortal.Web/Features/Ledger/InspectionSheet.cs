using System.Runtime.InteropServices;
using ClosedXML.Excel;
using HazardPortal.Core.Authorization;
using HazardPortal.Core.Common;
using HazardPortal.Core.Data;
using HazardPortal.Core.Hazards;
using HazardPortal.Core.Identity;
using HazardPortal.Core.Records;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HazardPortal.Web.Features.Ledger;

/// <summary>
/// 排查表 (002 附件1) for a month, on screen and as .xlsx, in the seed's layout: 序号、排查单位、排查时间、排查图片、排查地点、
/// 有无重大隐患及隐患描述、重大隐患处置情况及建议、备注. One row per inspection the unit recorded that month (the current version
/// of an amended record) with the hazards it found; a township-found hazard that no inspection record holds gets a row of
/// its own; the 排查图片 is the first before-photo (整改前) of the row's first hazard. A township reports the month's table
/// (<see cref="InspectionListFiling"/>) by the 30th, and its months read 已上报 / 逾期上报 / 逾期未报 like the forms.
/// </summary>
public sealed class InspectionSheet(PortalDb portalDb, Shared.DispatchReference reference, Shared.InspectionListStatus filings, TimeProvider clock, ILogger<InspectionSheet> logger)
{
    public static readonly string[] Headers = ["序号", "排查单位", "排查时间", "排查图片", "排查地点", "有无重大隐患及隐患描述", "重大隐患处置情况及建议", "备注"];

    /// <summary>002 附件1's 注.</summary>
    public const string Note = "注：本表5月份开始上报，每月30日前上报本月隐患排查情况。";

    public sealed record Line(int No, string Subject, DateOnly Day, Guid? HazardId, Guid? PhotoId, string Location, string Finding, string Disposal, string Remarks);

    public sealed record Sheet(string UnitName, string Period, DateOnly DueOn, IReadOnlyList<Line> Lines, Shared.InspectionListStatus.MonthStatus Status, bool MayFile);

    private bool IsTownshipCadre => AccessRules.TownshipOf(portalDb.Scope) is not null;

    public async Task<Result<Sheet>> MonthAsync(string? month, CancellationToken ct = default)
    {
        var today = ChinaTime.Today(clock);
        await using var db = portalDb.Open();
        var first = await MonthOfAsync(month, today, ct);
        if (!first.Succeeded)
        {
            return first.Error!;
        }

        var lines = await LinesAsync(db, first.Value, today, ct);
        var status = (await filings.MonthsAsync(db, today, ct)).Single(s => s.Period == $"{first.Value:yyyy-MM}");
        return new Sheet(portalDb.Scope.UnitName, status.Period, status.DueOn, lines, status, IsTownshipCadre && status.SubmittedAt is null);
    }

    /// <summary>Reports the month's table (a township's cadre); a month is reported once.</summary>
    public async Task<Result<Shared.InspectionListStatus.MonthStatus>> FileAsync(string? month, CancellationToken ct = default)
    {
        if (!IsTownshipCadre)
        {
            return Error.Forbidden("排查表由乡镇（街道）干部上报");
        }

        var today = ChinaTime.Today(clock);
        await using var db = portalDb.Open();
        var first = await MonthOfAsync(month, today, ct);
        if (!first.Succeeded)
        {
            return first.Error!;
        }

        var scope = portalDb.Scope;
        var unitKey = scope.OwnCode!;
        var period = $"{first.Value:yyyy-MM}";
        if (await db.InspectionListFilings.AsNoTracking().SingleOrDefaultAsync(f => f.UnitKey == unitKey && f.Period == period, ct) is { } done)
        {
            return Error.Conflict($"{period}的排查表已于{ChinaTime.Format(done.SubmittedAt, "yyyy-MM-dd HH:mm")}由{done.SubmittedBy}上报");
        }

        var lines = await LinesAsync(db, first.Value, today, ct);
        var due = InspectionListFiling.DueOf(first.Value);
        db.InspectionListFilings.Add(new InspectionListFiling
        {
            UnitKey = unitKey, UnitName = scope.UnitName, Path = new LTree(scope.Path!), Period = period, DueOn = due, SubmittedAt = clock.GetUtcNow(),
            SubmittedByUserId = scope.UserId ?? Guid.Empty, SubmittedBy = scope.DisplayName, Rows = lines.Count, Late = today > due,
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return Error.Conflict($"{period}的排查表已由他人上报");
        }

        return (await filings.MonthsAsync(db, today, ct)).Single(s => s.Period == period);
    }

    public async Task<Result<byte[]>> ExportAsync(string? month, CancellationToken ct = default)
    {
        var sheetResult = await MonthAsync(month, ct);
        if (!sheetResult.Succeeded)
        {
            return sheetResult.Error!;
        }

        var data = sheetResult.Value!;
        await using var db = portalDb.Open();
        using var workbook = new XLWorkbook();
        workbook.Style.Font.FontName = Shared.PrintSetup.BodyFont;
        var sheet = workbook.AddWorksheet("排查表");
        sheet.Cell(1, 1).Value = $"{data.UnitName}重大事故隐患排查表";
        sheet.Range(1, 1, 1, Headers.Length).Merge().Style.Font.SetBold().Font.SetFontSize(16).Font.SetFontName(Shared.PrintSetup.TitleFont).Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
        var first = DateOnly.ParseExact(data.Period + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
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
        foreach (var line in data.Lines)
        {
            sheet.Cell(r, 1).Value = line.No;
            sheet.Cell(r, 2).Value = line.Subject;
            sheet.Cell(r, 3).Value = line.Day.ToDateTime(TimeOnly.MinValue);
            sheet.Cell(r, 3).Style.DateFormat.Format = "yyyy-mm-dd";
            sheet.Cell(r, 5).Value = line.Location;
            sheet.Cell(r, 6).Value = line.Finding;
            sheet.Cell(r, 7).Value = line.Disposal;
            sheet.Cell(r, 8).Value = line.Remarks;
            sheet.Row(r).Height = 72;
            if (line.PhotoId is { } photoId)
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

    /// <summary>The campaign the table runs with, from the cached reference snapshot (read once per 30 s, not per call).</summary>
    private async Task<Campaign> CampaignAsync(CancellationToken ct) => (await reference.GetAsync(portalDb, ct)).Campaigns[Campaign.Default];

    private async Task<Result<DateOnly>> MonthOfAsync(string? month, DateOnly today, CancellationToken ct)
    {
        var campaign = await CampaignAsync(ct);
        return InspectionListFiling.MonthOf(month, campaign.StartsOn, campaign.EndsOn, today);
    }

    private async Task<List<Line>> LinesAsync(AppDbContext db, DateOnly first, DateOnly today, CancellationToken ct)
    {
        var last = first.AddMonths(1).AddDays(-1);
        var actor = HazardRules.ActorOf(portalDb.Scope);

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
            .GroupBy(p => p.HazardId).ToDictionary(g => g.Key, g => g.OrderBy(p => p.UploadedAt).ThenBy(p => p.Id).First().Id);

        return rows.Select((row, i) =>
        {
            var major = row.Hazards.Where(h => h.Grade == HazardGrade.Major).ToList();
            var general = row.Hazards.Where(h => h.Grade != HazardGrade.Major).ToList();
            var finding = major.Count > 0
                ? "有。" + string.Join("；", major.Select(h => $"{h.Title}。{h.Description}"))
                : general.Count > 0 ? $"无重大隐患（一般隐患：{string.Join("、", general.Select(h => h.Title))}）" : "无重大隐患";
            var disposal = major.Count > 0 ? string.Join("；", major.Select(Disposal)) : general.Count > 0 ? string.Join("；", general.Select(Disposal)) : "—";
            var remarks = string.Join("；", row.Hazards.SelectMany(h => new[]
            {
                h.Supervision is { RemovedOn: null } s ? $"{HazardNames.Level(s.Level)}挂牌督办" : null,
                h.IsOverdue(today) ? "逾期未整改" : null,
            }).Where(x => x is not null).Distinct());
            if (row.Hazards.Count == 0 && row.Notes is { Length: > 0 } notes)
            {
                remarks = notes.Length > 200 ? notes[..200] + "…" : notes;
            }

            var pictured = row.Hazards.FirstOrDefault();
            return new Line(i + 1, row.Subject, row.Day, pictured?.Id, pictured is not null && photos.TryGetValue(pictured.Id, out var photo) ? photo : null,
                string.Join("；", row.Hazards.Select(h => h.Location).Where(l => !string.IsNullOrWhiteSpace(l)).Distinct()), finding, disposal, remarks);
        }).ToList();
    }

    private sealed record Row(DateOnly Day, DateTimeOffset Created, string Subject, List<Hazard> Hazards, string? Notes);

    private static string Disposal(Hazard h) => h.Status switch
    {
        HazardStatus.Verified => $"已整改（{h.RectifiedOn:yyyy-MM-dd}），{h.VerifiedOn:yyyy-MM-dd} 验收销号，验收人：{h.Acceptor}",
        HazardStatus.Rectified => $"已整改（{h.RectifiedOn:yyyy-MM-dd}）：{h.RectificationDescription}，待验收",
        _ when h.Immediate => "即查即改",
        _ => $"已责令整改：{h.Plan.Measures}；责任人{h.Plan.ResponsiblePerson}，期限{h.CurrentDeadline:yyyy-MM-dd}",
    };
}
