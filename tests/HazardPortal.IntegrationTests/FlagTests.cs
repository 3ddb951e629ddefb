using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using HazardPortal.Tests;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.IntegrationTests;

/// <summary>
/// The under-reporting and repeat flags (issue #6) on 温圳镇, which carries no demo history: a clean
/// scenario (enterprise B does everything right, including each near miss) raises nothing; the scripted
/// one (enterprise A and an overridden form) raises each rule with links to its evidence; thresholds set
/// per jurisdiction move the result; flags stay inside the caller's scope.
/// </summary>
public class FlagTests(FlagTests.App app) : IClassFixture<FlagTests.App>
{
    public sealed class App : PortalApp;

    private const string Wenzhen = "360124102000";
    private const string AsOf = "2023-10-31";
    private const string Standard = "MAH-INDTRADE-2023";

    private static readonly byte[] Jpeg = TestImages.Jpeg();

    private static async Task<JsonElement> Json(HttpResponseMessage r)
    {
        var body = await r.Content.ReadAsStringAsync();
        Assert.True(r.IsSuccessStatusCode, $"{(int)r.StatusCode} {r.RequestMessage?.Method} {r.RequestMessage?.RequestUri}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<Guid> EnterpriseAsync(HttpClient c, int index) =>
        (await c.GetFromJsonAsync<JsonElement>($"/api/v1/enterprises?jurisdiction={Wenzhen}&pageSize=50")).GetProperty("items").EnumerateArray()
            .OrderBy(e => e.GetProperty("name").GetString(), StringComparer.Ordinal).ElementAt(index).GetProperty("id").GetGuid();

    /// <summary>A self-found major hazard whose enterprise names its township as the accepting unit (004), since the township verifies here.</summary>
    private static async Task<JsonElement> Hazard(HttpClient c, Guid enterprise, string title, string found, string? clause = null)
    {
        var options = await Json(await c.GetAsync($"/api/v1/hazards/assignees?enterpriseId={enterprise}"));
        var township = options.GetProperty("acceptors").EnumerateArray().Single(a => a.GetProperty("role").GetString() == "属地乡镇").GetProperty("id").GetGuid();
        return await Json(await c.PostAsJsonAsync("/api/v1/hazards", new
        {
            enterpriseId = enterprise, title, grade = "Major", foundOn = found, acceptingUnitId = township,
            basis = clause is null ? null : new { standardCode = Standard, clause },
            plan = new { responsiblePerson = "责任人", measures = "整改措施", funds = 1000, deadline = "2023-12-31", emergencyPlan = "应急预案" },
        }));
    }

    private static async Task<JsonElement> Act(HttpClient c, JsonElement hazard, string action, object body) =>
        await Json(await c.PostAsJsonAsync($"/api/v1/hazards/{hazard.GetProperty("id").GetGuid()}/{action}", body));

    private static uint V(JsonElement h) => h.GetProperty("version").GetUInt32();

    private static async Task AfterPhoto(HttpClient c, JsonElement hazard) =>
        Assert.Equal(HttpStatusCode.Created, (await c.PostAsync($"/api/v1/hazards/{hazard.GetProperty("id").GetGuid()}/photos", new MultipartFormDataContent
        {
            { new ByteArrayContent(Jpeg) { Headers = { ContentType = new MediaTypeHeaderValue("image/jpeg") } }, "file", "after.jpg" }, { new StringContent("after"), "stage" },
        })).StatusCode);

    /// <summary>A self-found hazard reported, rectified (with or without an after-photo) and, if asked, verified by the township.</summary>
    private static async Task<JsonElement> Closed(HttpClient firm, HttpClient township, Guid enterprise, string title, string found, string rectified, string? verified, bool photo, string? clause = null)
    {
        var h = await Hazard(firm, enterprise, title, found, clause);
        h = await Act(firm, h, "report", new { reportedOn = found, version = V(h) });
        if (photo)
        {
            await AfterPhoto(firm, h);
        }

        h = await Act(firm, h, "rectify", new { rectifiedOn = rectified, description = "已整改", version = V(h) });
        return verified is null ? h : await Act(township, h, "verify", new { verifiedOn = verified, passed = true, version = V(h) });
    }

    private static async Task<JsonElement> Flags(HttpClient c, string? unit = Wenzhen) =>
        await Json(await c.GetAsync($"/api/v1/flags?asOf={AsOf}{(unit is null ? "" : $"&unit={unit}")}"));

    private static List<JsonElement> Of(JsonElement flags, string rule) =>
        flags.GetProperty("flags").EnumerateArray().Where(f => f.GetProperty("rule").GetString() == rule).ToList();

    private static JsonElement[] Evidence(JsonElement flag) => flag.GetProperty("evidence").EnumerateArray().ToArray();

    private static string Link(JsonElement h) => $"/hazards/{h.GetProperty("id").GetGuid()}";

    [Fact]
    public async Task Flags_fire_on_the_scripted_scenario_and_not_on_the_clean_one_follow_the_thresholds_and_stay_in_scope()
    {
        using var office = await app.ClientForAsync("jx.office");
        using var yjj = await app.ClientForAsync("jx.yjj");
        var a = await EnterpriseAsync(office, 0);
        var b = await EnterpriseAsync(office, 1);
        await using (var system = app.SystemDb())
        {
            // Only B is high-risk in 温圳镇 (A becomes so with the scripted scenario), so every flag below is theirs.
            await system.Database.ExecuteSqlRawAsync(
                "UPDATE enterprises SET high_risk = (id = {0}) WHERE path <@ (SELECT path FROM jurisdictions WHERE code = {1})", [b, Wenzhen], TestContext.Current.CancellationToken);
        }

        using var wz = await app.AccountAsync("fl.wz", "TownshipCadre", unitId: await app.UnitIdAsync("温圳镇人民政府"));
        using var firmA = await app.AccountAsync("fl.a", "EnterpriseOfficer", enterpriseId: a);
        using var firmB = await app.AccountAsync("fl.b", "EnterpriseOfficer", enterpriseId: b);

        // —— The clean scenario: B, high-risk, does everything right; each fact is a near miss of a rule. ——
        await Hazard(firmB, b, "B1 储罐区可燃气体报警器失效", "2023-08-01"); // self-found on the first day of the 3-month window
        await Hazard(yjj, b, "B2 部门检查：防爆电气不符合要求", "2023-10-10"); // the department's find is answered by B1
        await Hazard(firmB, b, "B3 高危企业自查", "2023-09-01"); // self-found on the first day of the 2-month window
        await Closed(firmB, wz, b, "B4 卸料口未设防静电接地", "2022-06-01", "2022-09-01", "2022-09-30", photo: true, clause: "第十条第（二）项");
        await Hazard(yjj, b, "B5 卸料口防静电接地再次缺失", "2023-10-31", clause: "第十条第（二）项"); // 13 months after verification
        await Closed(firmB, wz, b, "B6 有整改后照片的隐患", "2023-09-05", "2023-09-20", null, photo: true);
        var formB = await Json(await wz.GetAsync($"/api/v1/dispatch/forms?unit={Wenzhen}&template=JX-COUNTY-2023&period=2023-09"));
        var computed = formB.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("key").GetString() == "hazards.self.found").GetProperty("computed").GetDecimal();
        var savedB = await Json(await wz.PutAsJsonAsync($"/api/v1/dispatch/forms/{formB.GetProperty("id").GetGuid()}", new
        {
            items = new[] { new { key = "hazards.self.found", value = computed + 2, overrideReason = "两处村办作坊隐患尚未录入系统" } }, version = V(formB),
        }));
        await Json(await wz.PostAsJsonAsync($"/api/v1/dispatch/forms/{formB.GetProperty("id").GetGuid()}/submit", new { version = V(savedB) })); // +2: at the floor, allowed

        var clean = await Flags(office);
        Assert.Equal(AsOf, clean.GetProperty("asOf").GetString());
        Assert.Empty(clean.GetProperty("flags").EnumerateArray());
        Assert.All(clean.GetProperty("rules").EnumerateArray(), r => Assert.Equal(0, r.GetProperty("count").GetInt32()));

        // —— The scripted scenario: A, high-risk, reports nothing itself while the department finds; repeats; no photos; an inflated form. ——
        await using (var system = app.SystemDb())
        {
            await system.Database.ExecuteSqlRawAsync("UPDATE enterprises SET high_risk = true WHERE id = {0}", [a], TestContext.Current.CancellationToken);
        }

        var a1 = await Hazard(yjj, a, "A1 部门检查：液氨管道腐蚀严重", "2023-09-05");
        var a2 = await Closed(firmA, wz, a, "A2 粉尘涉爆除尘系统未设锁气卸灰", "2022-05-01", "2022-08-01", "2022-08-10", photo: true, clause: "第十条第（二）项");
        var a3 = await Hazard(yjj, a, "A3 除尘系统锁气卸灰再次缺失", "2023-07-01", clause: "第十条第（二）项");
        var a4 = await Hazard(yjj, a, "A4 配电室无防鼠设施", "2023-08-01");
        a4 = await Act(firmA, a4, "rectify", new { rectifiedOn = "2023-09-01", description = "已加装挡鼠板", version = V(a4) });
        var formA = await Json(await wz.GetAsync($"/api/v1/dispatch/forms?unit={Wenzhen}&template=JX-COUNTY-2023&period=2023-10"));
        var deptFound = formA.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("key").GetString() == "hazards.dept.found").GetProperty("computed").GetDecimal();
        var savedA = await Json(await wz.PutAsJsonAsync($"/api/v1/dispatch/forms/{formA.GetProperty("id").GetGuid()}", new
        {
            items = new[] { new { key = "hazards.dept.found", value = deptFound + 3, overrideReason = "按部门口头报告补录" } }, version = V(formA),
        }));
        await Json(await wz.PostAsJsonAsync($"/api/v1/dispatch/forms/{formA.GetProperty("id").GetGuid()}/submit", new { version = V(savedA) }));

        var flags = await Flags(office);
        var silent = Assert.Single(Of(flags, "SilentWhileDepartmentsFind"));
        Assert.Equal($"/hazards?enterprise={a}", silent.GetProperty("subjectLink").GetString());
        Assert.Contains(Evidence(silent), e => e.GetProperty("link").GetString() == Link(a1));
        Assert.Contains(Evidence(silent), e => e.GetProperty("link").GetString() == Link(a4));
        Assert.DoesNotContain(Evidence(silent), e => e.GetProperty("link").GetString() == Link(a3)); // found before the window
        var highRisk = Assert.Single(Of(flags, "HighRiskSilent"));
        Assert.Equal(silent.GetProperty("subject").GetString(), highRisk.GetProperty("subject").GetString());
        var repeat = Assert.Single(Of(flags, "RepeatAfterVerification"));
        Assert.Equal([Link(a2), Link(a3)], Evidence(repeat).Select(e => e.GetProperty("link").GetString()!));
        var photos = Assert.Single(Of(flags, "RectifiedWithoutPhotos"));
        Assert.Equal(Link(a4), Assert.Single(Evidence(photos)).GetProperty("link").GetString());
        var drift = Assert.Single(Of(flags, "OverrideDrift"));
        Assert.Equal($"/dispatch/forms/{formA.GetProperty("id").GetGuid()}", drift.GetProperty("subjectLink").GetString());
        Assert.Contains($"填报 {deptFound + 3}", Assert.Single(Evidence(drift)).GetProperty("label").GetString(), StringComparison.Ordinal);
        Assert.Equal("温圳镇", silent.GetProperty("jurisdictionName").GetString());

        // One rule at a time.
        var onlyRepeat = await Json(await office.GetAsync($"/api/v1/flags?unit={Wenzhen}&asOf={AsOf}&rule=RepeatAfterVerification"));
        Assert.Single(onlyRepeat.GetProperty("flags").EnumerateArray());

        // —— Thresholds per jurisdiction: 进贤县 narrows 温圳镇's window to 1 month. ——
        using var minhe = await app.ClientForAsync("jx.minhe");
        using var honghe = await app.ClientForAsync("hh.office");
        var setting = new { rule = "SilentWhileDepartmentsFind", enabled = true, value = 1 };
        Assert.Equal(HttpStatusCode.Forbidden, (await minhe.PutAsJsonAsync($"/api/v1/flags/settings/{Wenzhen}", setting)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await honghe.PutAsJsonAsync($"/api/v1/flags/settings/{Wenzhen}", setting)).StatusCode);
        foreach (var bad in new object[]
                 {
                     new { rule = "SilentWhileDepartmentsFind", enabled = true, value = 0 },
                     new { rule = "SilentWhileDepartmentsFind", enabled = true, value = 1.5 },
                     new { rule = "OverrideDrift", enabled = true, value = 10 }, // no item floor
                     new { rule = "RepeatAfterVerification", enabled = true, value = 12, items = 3 },
                 })
        {
            var refused = await office.PutAsJsonAsync($"/api/v1/flags/settings/{Wenzhen}", bad);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        await using (var system = app.SystemDb())
        {
            Assert.Equal(0, await system.FlagSettings.CountAsync(TestContext.Current.CancellationToken)); // nothing written by the refusals
        }

        var effective = await Json(await office.PutAsJsonAsync($"/api/v1/flags/settings/{Wenzhen}", setting));
        var own = effective.EnumerateArray().Single(s => s.GetProperty("rule").GetString() == "SilentWhileDepartmentsFind");
        Assert.Equal(1, own.GetProperty("value").GetDecimal());
        Assert.Equal("温圳镇", own.GetProperty("setAtName").GetString());
        // With a 1-month window A's September find is outside it, and B's October finds are no longer answered by its September self-report.
        var narrowed = Assert.Single(Of(await Flags(office), "SilentWhileDepartmentsFind"));
        Assert.Equal($"/hazards?enterprise={b}", narrowed.GetProperty("subjectLink").GetString());
        Assert.DoesNotContain(Of(await Flags(office, unit: null), "SilentWhileDepartmentsFind"), f => f.GetProperty("subjectLink").GetString() == $"/hazards?enterprise={a}"); // the county's view resolves 温圳镇's own setting too

        // The county switches the photo rule off for its whole subtree; 温圳镇 follows.
        await Json(await office.PutAsJsonAsync("/api/v1/flags/settings/360124000000", new { rule = "RectifiedWithoutPhotos", enabled = false, value = 0 }));
        var off = await Flags(office);
        Assert.Empty(Of(off, "RectifiedWithoutPhotos"));
        Assert.False(off.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("rule").GetString() == "RectifiedWithoutPhotos").GetProperty("enabled").GetBoolean());
        var township = await Json(await wz.GetAsync("/api/v1/flags/settings"));
        Assert.Equal("进贤县", township.EnumerateArray().Single(s => s.GetProperty("rule").GetString() == "RectifiedWithoutPhotos").GetProperty("setAtName").GetString());

        // Reset: back to the default and the flags return.
        await Json(await office.DeleteAsync($"/api/v1/flags/settings/{Wenzhen}/SilentWhileDepartmentsFind"));
        await Json(await office.DeleteAsync("/api/v1/flags/settings/360124000000/RectifiedWithoutPhotos"));
        var back = await Flags(office);
        Assert.Single(Of(back, "SilentWhileDepartmentsFind"));
        Assert.Single(Of(back, "RectifiedWithoutPhotos"));

        // The demo's own history carries one of each kind at the county: 鑫达机械's repeat and 李渡镇's May form.
        var county = await Flags(office, unit: null);
        using var minhe1 = await app.ClientForAsync("jx.ent.minhe1");
        var demoFirm = (await minhe1.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("enterpriseId").GetGuid();
        Assert.Contains(Of(county, "RepeatAfterVerification"), f => f.GetProperty("subjectLink").GetString() == $"/hazards?enterprise={demoFirm}");
        Assert.Contains(Of(county, "OverrideDrift"), f => f.GetProperty("jurisdictionCode").GetString() == "360124101000" && f.GetProperty("subject").GetString()!.Contains("2023-05", StringComparison.Ordinal));

        // —— Scope: the township sees its own flags; a neighbouring township, another prefecture and enterprises do not. ——
        Assert.Equal(5, (await Flags(wz, unit: null)).GetProperty("flags").GetArrayLength());
        using var lidu = await app.ClientForAsync("jx.lidu");
        Assert.Equal(HttpStatusCode.NotFound, (await lidu.GetAsync($"/api/v1/flags?unit={Wenzhen}&asOf={AsOf}")).StatusCode);
        Assert.DoesNotContain((await Flags(lidu, unit: null)).GetProperty("flags").EnumerateArray(), f => f.GetProperty("jurisdictionCode").GetString() == Wenzhen);
        Assert.Equal(HttpStatusCode.NotFound, (await honghe.GetAsync($"/api/v1/flags?unit={Wenzhen}&asOf={AsOf}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await firmA.GetAsync($"/api/v1/flags?asOf={AsOf}")).StatusCode);

        // Flags are listed by prefecture or county: the national office picks one (its thresholds it may still set).
        using var national = await app.ClientForAsync("nat.office");
        Assert.Equal(HttpStatusCode.BadRequest, (await national.GetAsync($"/api/v1/flags?asOf={AsOf}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await national.GetAsync($"/api/v1/flags?unit=360000000000&asOf={AsOf}")).StatusCode);
        var nanchang = await Json(await national.GetAsync($"/api/v1/flags?unit=360100000000&asOf={AsOf}"));
        Assert.Contains(Of(nanchang, "RepeatAfterVerification"), f => f.GetProperty("subjectLink").GetString() == $"/hazards?enterprise={a}");
        Assert.Single(Of(nanchang, "OverrideDrift"), f => f.GetProperty("jurisdictionCode").GetString() == Wenzhen);
        await Json(await national.PutAsJsonAsync("/api/v1/flags/settings/000000000000", new { rule = "OverrideDrift", enabled = true, value = 20, items = 5 }));
        Assert.Empty(Of(await Flags(office), "OverrideDrift")); // +3 is within max(20%, 5 items): the national setting reaches 温圳镇
        Assert.Equal(HttpStatusCode.Forbidden, (await firmA.GetAsync("/api/v1/flags/settings")).StatusCode);
    }
}
