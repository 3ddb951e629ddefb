using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HazardPortal.Core;
using HazardPortal.Core.Dispatch;
using HazardPortal.Tests;

namespace HazardPortal.IntegrationTests;

/// <summary>
/// 003 附件2 (HH-SECTOR-2023) scripted through the API in 个旧市, which carries no demo history, so its
/// matrix holds exactly the cells written out below — at two of October's three cutoffs (the 5th and
/// the 15th), with both total rows and the rates; then 个旧市 fills its manual cells and submits, and
/// 红河州 sees it on its board and in its roll-up. The problem register and the matrix stay in scope.
/// </summary>
public class SectorMatrixScenarioTests(SectorMatrixScenarioTests.App app) : IClassFixture<SectorMatrixScenarioTests.App>
{
    public sealed class App : PortalApp;

    private const string Template = SectorMatrix.TemplateCode;
    private const string Gejiu = "532501000000";
    private const string Honghe = "532500000000";

    private static async Task<JsonElement> Json(HttpResponseMessage r)
    {
        var body = await r.Content.ReadAsStringAsync();
        Assert.True(r.IsSuccessStatusCode, $"{(int)r.StatusCode} {r.RequestMessage?.RequestUri}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<Guid> Id(HttpResponseMessage r) =>
        await Json(r) is var e && e.ValueKind == JsonValueKind.String ? e.GetGuid() : e.GetProperty("id").GetGuid();

    private static object Plan => new { responsiblePerson = "责任人", measures = "整改措施", funds = 1000, deadline = "2023-12-31", emergencyPlan = "应急预案" };

    private static uint V(JsonElement h) => h.GetProperty("version").GetUInt32();

    private static async Task<JsonElement> Act(HttpClient c, JsonElement hazard, string action, object body) =>
        await Json(await c.PostAsJsonAsync($"/api/v1/hazards/{hazard.GetProperty("id").GetGuid()}/{action}", body));

    private static async Task<Guid> Signed(HttpClient c, string kind, Guid? enterprise, Guid? place, string date)
    {
        var id = await Id(await c.PostAsJsonAsync("/api/v1/inspections", new { kind, date, enterpriseId = enterprise, placeId = place, inspectors = new[] { "gj.yjj" } }));
        await Json(await c.PostAsync($"/api/v1/inspections/{id}/sign", null));
        return id;
    }

    private static Dictionary<string, decimal> Cells(JsonElement form, string field) =>
        form.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("key").GetString()!, i => i.GetProperty(field).GetDecimal());

    private static Dictionary<string, decimal?> Rates(JsonElement form, string field) =>
        form.GetProperty("rates").EnumerateArray().ToDictionary(
            r => r.GetProperty("key").GetString()!, r => r.GetProperty(field).ValueKind == JsonValueKind.Null ? (decimal?)null : r.GetProperty(field).GetDecimal());

    /// <summary>Every computed cell 0 except the ones named.</summary>
    private static Dictionary<string, decimal> Expected(Dictionary<string, decimal> computed, params (string Row, string Column, decimal Value)[] cells)
    {
        var expected = computed.Keys.ToDictionary(k => k, _ => 0m);
        foreach (var (row, column, value) in cells)
        {
            expected[SectorMatrix.Key(row, column)] = value;
        }

        return expected;
    }

    private static (string, string, decimal)[] Row(string row, params (string Column, decimal Value)[] cells) => cells.Select(c => (row, c.Column, c.Value)).ToArray();

    [Fact]
    public async Task The_matrix_holds_the_scripted_cells_at_two_cutoffs_with_rates_and_totals_and_rolls_up_to_the_prefecture()
    {
        using var admin = await app.ClientForAsync("admin");
        var park = await Id(await admin.PostAsJsonAsync("/api/v1/admin/places", new { name = "个旧测试工业园区", jurisdictionCode = Gejiu, sectorCode = "PARKS", isPark = true }));
        var hydro = await Id(await admin.PostAsJsonAsync("/api/v1/admin/places", new { name = "个旧测试水电站", jurisdictionCode = Gejiu, sectorCode = "HYDRO", capacityKw = 80000 }));
        async Task<Guid> Enterprise(string name, string sector, string body7, Guid? parkId = null, bool accidentProne = false) =>
            await Id(await admin.PostAsJsonAsync("/api/v1/admin/enterprises", new
            {
                name, uscc = CreditCode.Complete("91532501MA" + body7), jurisdictionCode = Gejiu, sectorCode = sector, parkId, accidentProne,
            }));
        var a = await Enterprise("个旧测试燃气有限公司", "GAS", "TEKT001", parkId: park);
        var b = await Enterprise("个旧测试化工有限公司", "HAZCHEM", "TEKT002", accidentProne: true);
        var c = await Enterprise("个旧测试职业学校", "CAMPUS", "TEKT003");
        var read = await Json(await admin.GetAsync($"/api/v1/enterprises/{b}"));
        Assert.True(read.GetProperty("accidentProne").GetBoolean());
        Assert.Equal(park, (await Json(await admin.GetAsync($"/api/v1/enterprises/{a}"))).GetProperty("parkId").GetGuid());
        var dept = await Id(await admin.PostAsJsonAsync("/api/v1/admin/units", new { name = "个旧市应急管理局（测试）", kind = "Department", jurisdictionCode = Gejiu, sectorCodes = new[] { "GAS", "HAZCHEM", "CAMPUS", "HYDRO" } }));
        using var office = await app.AccountAsync("gj.office", "SafetyOffice", unitId: await app.UnitIdAsync("个旧市安委办"));
        using var yjj = await app.AccountAsync("gj.yjj", "DepartmentInspector", unitId: dept);
        using var firmA = await app.AccountAsync("gj.a", "EnterpriseOfficer", enterpriseId: a);

        // Before anything: 个旧市's matrix is empty.
        var empty = await Json(await office.GetAsync($"/api/v1/dispatch/forms?unit={Gejiu}&template={Template}&period=2023-10&cutoff=5"));
        Assert.All(Cells(empty, "computed"), kv => Assert.Equal(0, kv.Value));
        Assert.Equal("2023-10-05", empty.GetProperty("asOf").GetString());
        Assert.Equal("2023-01-01", empty.GetProperty("windowStart").GetString());
        Assert.Equal("Matrix", empty.GetProperty("layout").GetString());

        // Hazards (all with the 五落实 plan): H1 gas 9/10 rectified 10/3; H2 chemical 10/2 on an aging installation, tagged 10/8;
        // H3 gas 10/9 rectified 10/12; a voided one and a general one never count.
        var h1 = await Json(await yjj.PostAsJsonAsync("/api/v1/hazards", new { enterpriseId = a, title = "H1 调压箱泄漏", grade = "Major", foundOn = "2023-09-10", plan = Plan }));
        h1 = await Act(firmA, h1, "rectify", new { rectifiedOn = "2023-10-03", description = "已更换调压器", version = V(h1) });
        var h2 = await Json(await yjj.PostAsJsonAsync("/api/v1/hazards", new { enterpriseId = b, title = "H2 老旧反应釜无联锁", grade = "Major", foundOn = "2023-10-02", plan = Plan, agingEquipment = true }));
        await Act(office, h2, "supervise", new { level = "County", taggedOn = "2023-10-08", deadline = "2023-11-30", version = V(h2) });
        var h3 = await Json(await yjj.PostAsJsonAsync("/api/v1/hazards", new { enterpriseId = a, title = "H3 燃气报警器失效", grade = "Major", foundOn = "2023-10-09", plan = Plan }));
        await Act(firmA, h3, "rectify", new { rectifiedOn = "2023-10-12", description = "已更换报警器", version = V(h3) });
        var voided = await Json(await yjj.PostAsJsonAsync("/api/v1/hazards", new { enterpriseId = c, title = "作废", grade = "Major", foundOn = "2023-10-01", plan = Plan }));
        await Act(yjj, voided, "void", new { reason = "重复登记", version = V(voided) });
        await Json(await yjj.PostAsJsonAsync("/api/v1/hazards", new { enterpriseId = b, title = "一般隐患", grade = "General", foundOn = "2023-10-02", plan = Plan }));

        // Risks: R1 gas 8/1 with all four lists; R2 chemical 10/3 with only the basic list, a high-risk installation.
        await Json(await yjj.PostAsJsonAsync("/api/v1/risks", new { enterpriseId = a, name = "R1 燃气泄漏爆炸", date = "2023-08-01", basicList = true, controlList = true, responsibilityList = true, emergencyList = true }));
        await Json(await yjj.PostAsJsonAsync("/api/v1/risks", new { enterpriseId = b, name = "R2 硝化反应失控", date = "2023-10-03", basicList = true, highRiskEquipment = true }));

        // Problems: P1 gas 10/1 with a root-cause measure, rectified 10/10; P2 of the county as a whole (防汛减灾) 6/1.
        var p1 = await Id(await office.PostAsJsonAsync("/api/v1/problems", new { enterpriseId = a, title = "P1 燃气管网老化", date = "2023-10-01", rootCauseMeasure = true, rectifiedOn = "2023-10-10" }));
        await Json(await office.PostAsJsonAsync("/api/v1/problems", new { jurisdictionCode = Gejiu, sectorCode = "FLOOD", title = "P2 山洪沟道行洪不畅", date = "2023-06-01" }));

        // Inspections: A on 10/2 and again 10/11 (one 家), the hydropower station (80,000 kW) 10/12.
        await Signed(yjj, "Enforcement", a, null, "2023-10-02");
        await Signed(yjj, "SpotCheck", a, null, "2023-10-11");
        await Signed(yjj, "Supervisory", null, hydro, "2023-10-12");

        // Measures: B penalty 2.5 (10/3) and 一案双罚 1.0 (10/13), suspension 10/13; A referral of 2 persons 10/4, interview 10/14; C closed 10/14.
        async Task Measure(string kind, Guid enterprise, string date, decimal? amountWan = null, int? persons = null) =>
            await Json(await yjj.PostAsJsonAsync("/api/v1/enforcement-actions", new { kind, date, enterpriseId = enterprise, documentNumber = $"个应急〔2023〕{date}", amountWan, persons }));
        await Measure("Penalty", b, "2023-10-03", amountWan: 2.5m);
        await Measure("DualPenalty", b, "2023-10-13", amountWan: 1.0m);
        await Measure("Suspension", b, "2023-10-13");
        await Measure("JudicialReferral", a, "2023-10-04", persons: 2);
        await Measure("Interview", a, "2023-10-14");
        await Measure("Closure", c, "2023-10-14");

        // —— As of 10/5 ——
        var fifth = await Json(await office.GetAsync($"/api/v1/dispatch/forms?unit={Gejiu}&template={Template}&period=2023-10&cutoff=5"));
        var computed = Cells(fifth, "computed");
        var gasAt5 = new[] { ("hazards", 1m), ("hazards_measures", 1m), ("hazards_rectified", 1m), ("risks", 1m), ("risks_controlled", 1m), ("problems", 1m), ("problems_rootcause", 1m),
            ("enterprises_served", 1m), ("referral_persons", 2m), ("referral_cases", 1m) };
        var chemAt5 = new[] { ("hazards", 1m), ("hazards_measures", 1m), ("risks", 1m), ("penalties", 1m), ("fines", 2.5m) };
        Assert.Equal(Expected(computed,
        [
            .. Row(SectorMatrix.Total, ("hazards", 2), ("hazards_measures", 2), ("hazards_rectified", 1), ("risks", 2), ("risks_controlled", 1), ("problems", 2), ("problems_rootcause", 1),
                ("enterprises_served", 1), ("penalties", 1), ("fines", 2.5m), ("referral_persons", 2), ("referral_cases", 1)),
            .. Row(SectorMatrix.Month, ("hazards", 1), ("hazards_measures", 1), ("risks", 1), ("problems", 1), ("problems_rootcause", 1),
                ("enterprises_served", 1), ("penalties", 1), ("fines", 2.5m), ("referral_persons", 2), ("referral_cases", 1)),
            .. Row("GAS", gasAt5), .. Row("PARKS", gasAt5),
            .. Row("HAZCHEM", chemAt5), .. Row("ACCIDENT_PRONE", chemAt5),
            .. Row("OLD_UNITS", ("hazards", 1), ("hazards_measures", 1)),
            .. Row("HIGH_RISK_UNITS", ("risks", 1)),
            .. Row("FLOOD", ("problems", 1)),
        ]), computed);
        var rates5 = Rates(fifth, "computed");
        Assert.Equal(50.0m, rates5["TOTAL:hazards_rate"]);
        Assert.Equal(0.0m, rates5["MONTH:hazards_rate"]);
        Assert.Equal(50.0m, rates5["TOTAL:risks_rate"]);
        Assert.Equal(0.0m, rates5["TOTAL:problems_rate"]);
        Assert.Equal(100.0m, rates5["GAS:hazards_rate"]);
        Assert.Null(rates5["FIRE:hazards_rate"]);
        Assert.Null(rates5["FLOOD:risks_rate"]);

        // —— As of 10/15 ——
        var fifteenth = await Json(await office.GetAsync($"/api/v1/dispatch/forms?unit={Gejiu}&template={Template}&period=2023-10&cutoff=15"));
        computed = Cells(fifteenth, "computed");
        var gasAt15 = new[] { ("hazards", 2m), ("hazards_measures", 2m), ("hazards_rectified", 2m), ("risks", 1m), ("risks_controlled", 1m), ("problems", 1m), ("problems_rootcause", 1m),
            ("problems_rectified", 1m), ("enterprises_served", 1m), ("referral_persons", 2m), ("referral_cases", 1m), ("interviews", 1m) };
        var chemAt15 = new[] { ("hazards", 1m), ("hazards_measures", 1m), ("hazards_supervised", 1m), ("risks", 1m), ("penalties", 2m), ("fines", 3.5m), ("suspensions", 1m) };
        var total15 = new[] { ("hazards", 3m), ("hazards_measures", 3m), ("hazards_supervised", 1m), ("hazards_rectified", 2m), ("risks", 2m), ("risks_controlled", 1m), ("problems", 2m),
            ("problems_rootcause", 1m), ("problems_rectified", 1m), ("enterprises_served", 2m), ("penalties", 2m), ("fines", 3.5m), ("suspensions", 1m), ("closures", 1m),
            ("referral_persons", 2m), ("referral_cases", 1m), ("interviews", 1m) };
        var month15 = new[] { ("hazards", 2m), ("hazards_measures", 2m), ("hazards_supervised", 1m), ("hazards_rectified", 1m), ("risks", 1m), ("problems", 1m),
            ("problems_rootcause", 1m), ("problems_rectified", 1m), ("enterprises_served", 2m), ("penalties", 2m), ("fines", 3.5m), ("suspensions", 1m), ("closures", 1m),
            ("referral_persons", 2m), ("referral_cases", 1m), ("interviews", 1m) };
        Assert.Equal(Expected(computed,
        [
            .. Row(SectorMatrix.Total, total15), .. Row(SectorMatrix.Month, month15),
            .. Row("GAS", gasAt15), .. Row("PARKS", gasAt15),
            .. Row("HAZCHEM", chemAt15), .. Row("ACCIDENT_PRONE", chemAt15),
            .. Row("OLD_UNITS", ("hazards", 1), ("hazards_measures", 1), ("hazards_supervised", 1)),
            .. Row("HIGH_RISK_UNITS", ("risks", 1)),
            .. Row("FLOOD", ("problems", 1)),
            .. Row("HYDRO", ("enterprises_served", 1)), .. Row("HYDRO.GE50K", ("enterprises_served", 1)),
            .. Row(SectorMatrix.Other, ("closures", 1)),
        ]), computed);

        // 累计总计 counts each record once, never the sum of the rows (the gas hazards at a park enterprise sit in two rows).
        Assert.NotEqual(computed["TOTAL:hazards"], SectorMatrix.Rows.Where(r => r.Code is not SectorMatrix.Total and not SectorMatrix.Month).Sum(r => computed[$"{r.Code}:hazards"]));
        var rates15 = Rates(fifteenth, "computed");
        Assert.Equal(66.7m, rates15["TOTAL:hazards_rate"]);
        Assert.Equal(50.0m, rates15["MONTH:hazards_rate"]);
        Assert.Equal(50.0m, rates15["TOTAL:problems_rate"]);
        Assert.Equal(100.0m, rates15["MONTH:problems_rate"]);
        Assert.Equal(0.0m, rates15["HAZCHEM:hazards_rate"]);

        // Drill-down: the cell's own records (a 家 cell lists the inspections whose subjects it counts).
        var id = fifteenth.GetProperty("id").GetGuid();
        var gasHazards = await Json(await office.GetAsync($"/api/v1/dispatch/forms/{id}/items/GAS:hazards/records"));
        Assert.Equal(
            new[] { h1.GetProperty("id").GetGuid(), h3.GetProperty("id").GetGuid() }.Order(),
            gasHazards.EnumerateArray().Select(r => r.GetProperty("id").GetGuid()).Order());
        var served = await Json(await office.GetAsync($"/api/v1/dispatch/forms/{id}/items/TOTAL:enterprises_served/records"));
        Assert.Equal(3, served.GetArrayLength());
        var rectifiedProblems = await Json(await office.GetAsync($"/api/v1/dispatch/forms/{id}/items/MONTH:problems_rectified/records"));
        Assert.Equal(p1, rectifiedProblems.EnumerateArray().Single().GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.NotFound, (await office.GetAsync($"/api/v1/dispatch/forms/{id}/items/TOTAL:supervision_teams/records")).StatusCode);

        // Manual cells need no reason; an override of a computed cell does; a manual cell cannot be negative.
        var version = fifteenth.GetProperty("version").GetUInt32();
        Assert.Equal(HttpStatusCode.BadRequest, (await office.PutAsJsonAsync($"/api/v1/dispatch/forms/{id}", new { items = new[] { new { key = "TOTAL:hazards", value = 5m } }, version })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await office.PutAsJsonAsync($"/api/v1/dispatch/forms/{id}", new { items = new[] { new { key = "TOTAL:experts", value = -1m } }, version })).StatusCode);
        var saved = await Json(await office.PutAsJsonAsync($"/api/v1/dispatch/forms/{id}", new
        {
            items = new[] { new { key = "TOTAL:supervision_teams", value = 3m }, new { key = "TOTAL:experts", value = 6m }, new { key = "GAS:experts", value = 2m } }, version,
        }));
        Assert.Equal(3, Cells(saved, "value")["TOTAL:supervision_teams"]);
        Assert.True(saved.GetProperty("items").EnumerateArray().First(i => i.GetProperty("key").GetString() == "TOTAL:experts").GetProperty("manual").GetBoolean());

        // Submit; 红河州 sees 个旧市 submitted on its 15th board and the roll-up beside its own computation.
        var submitted = await Json(await office.PostAsJsonAsync($"/api/v1/dispatch/forms/{id}/submit", new { version = saved.GetProperty("version").GetUInt32() }));
        Assert.Equal("Submitted", submitted.GetProperty("status").GetString());
        using var prefecture = await app.ClientForAsync("hh.office");
        var board = await Json(await prefecture.GetAsync($"/api/v1/dispatch/status?parent={Honghe}&template={Template}&period=2023-10&cutoff=15"));
        Assert.Equal("Submitted", board.EnumerateArray().Single(r => r.GetProperty("unit").GetProperty("code").GetString() == Gejiu).GetProperty("status").GetString());
        Assert.Contains(board.EnumerateArray(), r => r.GetProperty("unit").GetProperty("code").GetString() == "532503000000" && r.GetProperty("status").GetString() == "Missing");
        var rollup = await Json(await prefecture.GetAsync($"/api/v1/dispatch/forms?unit={Honghe}&template={Template}&period=2023-10&cutoff=15"));
        var sums = rollup.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("key").GetString()!, i => i.GetProperty("childrenSum").GetDecimal());
        Assert.Equal(3, sums["TOTAL:hazards"]);
        Assert.Equal(3, sums["TOTAL:supervision_teams"]);
        Assert.Equal(66.7m, Rates(rollup, "childrenSum")["TOTAL:hazards_rate"]);
        Assert.True(Cells(rollup, "computed")["TOTAL:hazards"] >= 3);
        var workbook = await prefecture.GetAsync($"/api/v1/dispatch/forms/{id}/export.xlsx");
        Assert.Equal(HttpStatusCode.OK, workbook.StatusCode);

        // Scope: a township of another county and another county's office see neither the form nor the problems.
        using var mengzi = await app.ClientForAsync("hh.mengzi.office");
        Assert.Equal(HttpStatusCode.NotFound, (await mengzi.GetAsync($"/api/v1/dispatch/forms/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await mengzi.GetAsync($"/api/v1/problems/{p1}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await mengzi.GetAsync($"/api/v1/dispatch/forms?unit={Gejiu}&template={Template}&period=2023-10&cutoff=15")).StatusCode);
        using var jinxian = await app.ClientForAsync("jx.office");
        Assert.DoesNotContain((await jinxian.GetFromJsonAsync<JsonElement>("/api/v1/problems?pageSize=1000")).GetProperty("items").EnumerateArray(), p => p.GetProperty("id").GetGuid() == p1);
        Assert.Equal(HttpStatusCode.OK, (await prefecture.GetAsync($"/api/v1/problems/{p1}")).StatusCode);
    }
}
