using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HazardPortal.Core.Identity;
using HazardPortal.Core.Tenancy;
using HazardPortal.Tests;
using static HazardPortal.Tests.TestApi;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.IntegrationTests;

/// <summary>
/// Issue #17 §6: the 排查表 (002 附件1) as a page — the month's rows with the before-photos, the seed's note — and
/// reported by the 30th, each month reading 已上报 / 逾期上报 / 逾期未报 like the forms; the filing is the township's
/// own row (filter, RLS) that the county above sees and no one else.
/// </summary>
public class InspectionSheetTests(InspectionSheetTests.App app) : IClassFixture<InspectionSheetTests.App>
{
    public sealed class App : PortalApp;

    [Fact]
    public async Task The_month_s_sheet_shows_before_photos_and_the_months_read_like_the_forms()
    {
        using var cadre = await app.ClientForAsync("gc.cadre");
        var june = await Json(await cadre.GetAsync("/api/v1/hazards/inspection-list?month=2023-06"));
        var lines = june.GetProperty("lines").EnumerateArray().ToList();
        Assert.NotEmpty(lines);
        Assert.Contains(lines, l => l.GetProperty("photoId").ValueKind == JsonValueKind.String);
        Assert.Equal("2023-06-30", june.GetProperty("dueOn").GetString());
        Assert.Equal("Submitted", june.GetProperty("status").GetProperty("state").GetString());
        Assert.False(june.GetProperty("mayFile").GetBoolean());

        // A row's photo is the before-photo of its hazard, served to the township.
        var photo = lines.First(l => l.GetProperty("photoId").ValueKind == JsonValueKind.String).GetProperty("photoId").GetGuid();
        var image = await cadre.GetAsync($"/api/v1/photos/{photo}");
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);

        var months = (await Json(await cadre.GetAsync("/api/v1/hazards/inspection-list/status"))).EnumerateArray().ToDictionary(m => m.GetProperty("period").GetString()!);
        Assert.Equal("已上报", months["2023-05"].GetProperty("stateText").GetString());
        Assert.Equal("逾期上报", months["2023-07"].GetProperty("stateText").GetString()); // reported 08-01, due 07-30
        Assert.Equal("逾期未报", months["2023-08"].GetProperty("stateText").GetString());
        Assert.Equal(june.GetProperty("lines").GetArrayLength(), months["2023-06"].GetProperty("rows").GetInt32());

        // Reporting August now: late, once; months before May of the campaign year or after this one are refused; an office does not report it.
        var filed = await Json(await cadre.PostAsJsonAsync("/api/v1/hazards/inspection-list/filings", new { month = "2023-08" }));
        Assert.Equal("SubmittedLate", filed.GetProperty("state").GetString());
        Assert.Equal("葛城街道 冉小波", filed.GetProperty("submittedBy").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await cadre.PostAsJsonAsync("/api/v1/hazards/inspection-list/filings", new { month = "2023-08" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await cadre.PostAsJsonAsync("/api/v1/hazards/inspection-list/filings", new { month = "2023-04" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await cadre.PostAsJsonAsync("/api/v1/hazards/inspection-list/filings", new { month = "2999-01" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await cadre.PostAsJsonAsync("/api/v1/hazards/inspection-list/filings", new { month = "2024-01" })).StatusCode); // after the campaign
        Assert.Equal(8, months.Count); // May to December 2023: the campaign's months
        Assert.Equal(HttpStatusCode.BadRequest, (await cadre.PostAsJsonAsync("/api/v1/hazards/inspection-list/filings", new { month = "2023-13" })).StatusCode);
        using var office = await app.ClientForAsync("ck.office");
        Assert.Equal(HttpStatusCode.Forbidden, (await office.PostAsJsonAsync("/api/v1/hazards/inspection-list/filings", new { month = "2023-09" })).StatusCode);

        // Another township's months are its own: 文澜街道 has reported nothing.
        using var wenlan = await app.ClientForAsync("mz.town");
        Assert.All((await Json(await wenlan.GetAsync("/api/v1/hazards/inspection-list/status"))).EnumerateArray(), m => Assert.Equal(JsonValueKind.Null, m.GetProperty("submittedAt").ValueKind));

        // The rows themselves, through the filter and through row security: 城口县 above sees 葛城's four, 蒙自市 none.
        const string chengkou = "000000000000.500000000000.500200000000.500229000000";
        const string mengzi = "000000000000.530000000000.532500000000.532503000000";
        foreach (var (path, expected) in new[] { (chengkou, 4), (mengzi, 0) })
        {
            await using var db = app.Db(AccessScope.ForUser(Guid.NewGuid(), "probe", [Roles.SafetyOffice], path, null, null));
            Assert.Equal(expected, await db.InspectionListFilings.CountAsync());
            Assert.Equal(expected, await db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM inspection_list_filings").SingleAsync());
        }
    }
}
