using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HazardPortal.Core.Hazards;
using HazardPortal.Tests;
using static HazardPortal.Tests.TestApi;

namespace HazardPortal.IntegrationTests;

/// <summary>挂牌督办 as a record (issue #16 §2): the 督办文号, 要求 and deadline round-trip, and the list orders by the 督办 deadline.</summary>
public class SupervisionTests(SupervisionTests.App app) : IClassFixture<SupervisionTests.App>
{
    public sealed class App : PortalApp;

    [Fact]
    public async Task Tagging_records_the_notice_and_the_list_orders_by_its_deadline()
    {
        using var yjj = await app.ClientForAsync("jx.yjj");
        using var office = await app.ClientForAsync("jx.office");
        using var firm = await app.ClientForAsync("jx.ent.minhe1");
        var enterprise = (await firm.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("enterpriseId").GetGuid();
        async Task<JsonElement> Hazard(string title) => await Json(await yjj.PostAsJsonAsync("/api/v1/hazards", new
        {
            enterpriseId = enterprise, title, grade = "Major", foundOn = Days(-10),
            plan = new { responsiblePerson = "王强", measures = "整改", funds = 1000, deadline = Days(60), emergencyPlan = "预案" },
        }));

        var later = await Hazard("S1 督办期限较晚的隐患");
        var sooner = await Hazard("S2 督办期限较早的隐患");
        var tagged = await Json(await office.PostAsJsonAsync($"/api/v1/hazards/{later.GetProperty("id").GetGuid()}/supervise", new
        {
            level = "County", taggedOn = Days(0), deadline = Days(40), version = later.GetProperty("version").GetUInt32(),
            documentNumber = "进安办督〔2023〕7号", requirements = "限期完成整改，整改期间停用该除尘系统",
        }));
        var s = tagged.GetProperty("supervision");
        Assert.Equal("进安办督〔2023〕7号", s.GetProperty("documentNumber").GetString());
        Assert.Equal("限期完成整改，整改期间停用该除尘系统", s.GetProperty("requirements").GetString());
        Assert.Equal(Days(40), s.GetProperty("deadline").GetString());
        await Json(await office.PostAsJsonAsync($"/api/v1/hazards/{sooner.GetProperty("id").GetGuid()}/supervise", new
        {
            level = "County", taggedOn = Days(0), deadline = Days(5), version = sooner.GetProperty("version").GetUInt32(), documentNumber = "进安办督〔2023〕8号",
        }));

        // Read back: the hazard carries its supervision record.
        var read = await office.GetFromJsonAsync<JsonElement>($"/api/v1/hazards/{later.GetProperty("id").GetGuid()}");
        Assert.Equal("进安办督〔2023〕7号", read.GetProperty("supervision").GetProperty("documentNumber").GetString());

        // The list: by 督办 deadline (not the hazards' own 60-day deadline), with days left.
        var list = (await office.GetFromJsonAsync<JsonElement>("/api/v1/supervision?mine=true")).EnumerateArray().ToList();
        var mine = list.Where(r => r.GetProperty("title").GetString()!.StartsWith('S')).ToList();
        Assert.Equal(["S2 督办期限较早的隐患", "S1 督办期限较晚的隐患"], mine.Select(r => r.GetProperty("title").GetString()));
        Assert.Equal(5, mine[0].GetProperty("daysLeft").GetInt32());
        Assert.Equal(Days(5), mine[0].GetProperty("deadline").GetString());
        Assert.Equal(Days(60), mine[0].GetProperty("planDeadline").GetString());
        Assert.Contains("挂牌督办", mine[0].GetProperty("progress").GetString(), StringComparison.Ordinal);
        var deadlines = list.Select(r => r.GetProperty("deadline").GetString()).ToList();
        Assert.Equal(deadlines.Order(StringComparer.Ordinal), deadlines);

        // Exported, on A4; a township sees the list of its area; an enterprise is refused; bad input changes nothing.
        var export = await office.GetAsync("/api/v1/supervision/export.xlsx");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        using (var workbook = new ClosedXML.Excel.XLWorkbook(new MemoryStream(await export.Content.ReadAsByteArrayAsync())))
        {
            var sheet = workbook.Worksheet(1);
            Assert.Equal(ClosedXML.Excel.XLPaperSize.A4Paper, sheet.PageSetup.PaperSize);
            Assert.Contains(sheet.CellsUsed(), c => c.GetString() == "进安办督〔2023〕7号");
        }

        using var minhe = await app.ClientForAsync("jx.minhe");
        Assert.Contains((await minhe.GetFromJsonAsync<JsonElement>("/api/v1/supervision")).EnumerateArray(), r => r.GetProperty("title").GetString() == "S1 督办期限较晚的隐患");
        using var lidu = await app.ClientForAsync("jx.lidu");
        Assert.DoesNotContain((await lidu.GetFromJsonAsync<JsonElement>("/api/v1/supervision")).EnumerateArray(), r => r.GetProperty("title").GetString()!.StartsWith("S1", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Forbidden, (await firm.GetAsync("/api/v1/supervision")).StatusCode);
        var third = await Hazard("S3 文号过长的隐患");
        Assert.Equal(HttpStatusCode.BadRequest, (await office.PostAsJsonAsync($"/api/v1/hazards/{third.GetProperty("id").GetGuid()}/supervise", new
        {
            level = "County", taggedOn = Days(0), deadline = Days(5), version = third.GetProperty("version").GetUInt32(), documentNumber = new string('号', 101),
        })).StatusCode);
        Assert.Equal(JsonValueKind.Null, (await office.GetFromJsonAsync<JsonElement>($"/api/v1/hazards/{third.GetProperty("id").GetGuid()}")).GetProperty("supervision").ValueKind);
    }
}
