using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HazardPortal.Core.Hazards;
using HazardPortal.Tests;
using static HazardPortal.Tests.TestApi;

namespace HazardPortal.IntegrationTests;

/// <summary>
/// An audit log an auditor can read (issue #16 §5): each row names the action in Chinese and the affected account or
/// record, lists the changed fields labelled with readable values in China time, and is found by Chinese words.
/// </summary>
public class AuditReadableTests(AuditReadableTests.App app) : IClassFixture<AuditReadableTests.App>
{
    public sealed class App : PortalApp;

    private static async Task<List<JsonElement>> FindAsync(HttpClient auditor, string query) =>
        (await Json(await auditor.GetAsync("/api/v1/audit?" + query))).GetProperty("items").EnumerateArray().ToList();

    [Fact]
    public async Task Unlock_role_change_hazard_report_and_form_return_read_in_chinese()
    {
        using var secadmin = await app.ClientForAsync("secadmin");
        using var auditor = await app.ClientForAsync("auditor");

        // 解锁账号: jx.lidu locks itself out with wrong passwords; the SecurityAdmin unlocks it.
        using var anonymous = app.Anonymous();
        for (var i = 0; i < 5; i++)
        {
            await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { userName = "jx.lidu", password = "wrong-password" });
        }

        var lidu = await app.UserIdAsync("jx.lidu");
        (await secadmin.PostAsync($"/api/v1/security/users/{lidu}/unlock", null)).EnsureSuccessStatusCode();
        var unlock = Assert.Single(await FindAsync(auditor, "q=" + Uri.EscapeDataString("解锁")));
        Assert.Equal("解锁账号", unlock.GetProperty("actionName").GetString());
        Assert.Equal("jx.lidu", unlock.GetProperty("subjectName").GetString());
        Assert.Equal("secadmin", unlock.GetProperty("actor").GetString());
        Assert.Contains(unlock.GetProperty("changes").EnumerateArray(), c => c.GetProperty("field").GetString() == "锁定至" && c.GetProperty("after").ValueKind == JsonValueKind.Null);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$", unlock.GetProperty("time").GetString());

        // The failed sign-ins and the lockout are named too.
        Assert.Contains(await FindAsync(auditor, "subject=jx.lidu"), a => a.GetProperty("actionName").GetString() == "账号锁定");

        // 修改角色: a new cadre account gets its role.
        using var _ = await app.AccountAsync("jx.minhe.pc9515", "TownshipCadre", unitId: await app.UnitIdAsync("民和镇人民政府"));
        var role = Assert.Single(await FindAsync(auditor, "subject=jx.minhe.pc9515&q=" + Uri.EscapeDataString("修改角色")));
        Assert.Equal("jx.minhe.pc9515：乡镇/街道干部", role.GetProperty("subjectName").GetString());

        // 隐患上报: the enterprise reports a hazard it registered.
        using var firm = await app.ClientForAsync("jx.ent.minhe1");
        var enterprise = (await firm.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("enterpriseId").GetGuid();
        var hazard = await Json(await firm.PostAsJsonAsync("/api/v1/hazards", new
        {
            enterpriseId = enterprise, title = "抛丸车间除尘器未设置泄爆装置", grade = "Major", foundOn = Days(-3),
            plan = new { responsiblePerson = "王强", measures = "加装泄爆片", funds = 8000, deadline = Days(20), emergencyPlan = "停用除尘器" },
        }));
        await Json(await firm.PostAsJsonAsync($"/api/v1/hazards/{hazard.GetProperty("id").GetGuid()}/report", new { reportedOn = Days(-1), version = hazard.GetProperty("version").GetUInt32() }));
        var report = Assert.Single(await FindAsync(auditor, "q=" + Uri.EscapeDataString("隐患上报 抛丸车间")));
        Assert.Equal("抛丸车间除尘器未设置泄爆装置", report.GetProperty("subjectName").GetString());
        Assert.Contains(report.GetProperty("changes").EnumerateArray(), c => c.GetProperty("field").GetString() == "状态" && c.GetProperty("before").GetString() == "已登记" && c.GetProperty("after").GetString() == "已报告");

        // 退回调度表: 民和镇 submits October; the county returns it.
        using var minhe = await app.ClientForAsync("jx.minhe");
        using var office = await app.ClientForAsync("jx.office");
        var form = await Json(await minhe.GetAsync("/api/v1/dispatch/forms?unit=360124100000&template=JX-COUNTY-2023&period=2023-10"));
        var submitted = await Json(await minhe.PostAsJsonAsync($"/api/v1/dispatch/forms/{form.GetProperty("id").GetGuid()}/submit", new { version = form.GetProperty("version").GetUInt32() }));
        await Json(await office.PostAsJsonAsync($"/api/v1/dispatch/forms/{submitted.GetProperty("id").GetGuid()}/return", new { reason = "请核实企业自查隐患数" }));
        var returned = Assert.Single(await FindAsync(auditor, "q=" + Uri.EscapeDataString("退回调度表")));
        Assert.Equal("民和镇 2023-10", returned.GetProperty("subjectName").GetString());
        Assert.Equal("调度表", returned.GetProperty("subjectKind").GetString());
        Assert.Contains(returned.GetProperty("changes").EnumerateArray(), c => c.GetProperty("field").GetString() == "退回理由" && c.GetProperty("after").GetString() == "请核实企业自查隐患数");

        // Bad input is refused and changes nothing.
        Assert.Equal(HttpStatusCode.BadRequest, (await auditor.GetAsync("/api/v1/audit?q=" + new string('解', 101))).StatusCode);

        // The chain still holds with the named rows sealed into it.
        await app.SealAuditAsync();
        Assert.True((await auditor.GetFromJsonAsync<JsonElement>("/api/v1/audit/verify")).GetProperty("intact").GetBoolean());
    }
}
