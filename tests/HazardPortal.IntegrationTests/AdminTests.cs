using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HazardPortal.Core.Tenancy;
using HazardPortal.Tests;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.IntegrationTests;

public class AdminTests(AdminTests.App app) : IClassFixture<AdminTests.App>
{
    public sealed class App : PortalApp;

    [Fact]
    public async Task A_new_account_for_Lidu_signs_in_sees_nothing_until_granted_a_role_then_sees_Lidu()
    {
        using var admin = await app.ClientForAsync("admin");
        var lidu = await app.UnitIdAsync("李渡镇人民政府");
        var created = await admin.PostAsJsonAsync("/api/v1/admin/users", new { userName = "lidu.new", displayName = "李渡镇 新干部", password = "Lidu#2023a", unitId = lidu });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var userId = await created.Content.ReadFromJsonAsync<Guid>();

        // The administrator chose the password: the first sign-in must choose another (issue #16 §7).
        using var anonymous = app.Anonymous();
        var refused = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { userName = "lidu.new", password = "Lidu#2023a" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("passwordChangeRequired").GetBoolean());
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { userName = "lidu.new", password = "Lidu#2023a", newPassword = "Lidu#2023a" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { userName = "lidu.new", password = "Lidu#2023a", newPassword = "short" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { userName = "lidu.new", password = "Lidu#2023a", newPassword = "Lidu#2023b" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { userName = "lidu.new", password = "Lidu#2023a" })).StatusCode);
        using var fresh = await app.ClientForAsync("lidu.new", "Lidu#2023b");
        var me = await fresh.GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal("李渡镇人民政府", me.GetProperty("unit").GetProperty("name").GetString());
        Assert.Empty(me.GetProperty("roles").EnumerateArray());
        Assert.Equal(0, (await fresh.GetFromJsonAsync<JsonElement>("/api/v1/enterprises")).GetProperty("total").GetInt32());

        using var secadmin = await app.ClientForAsync("secadmin");
        var granted = await secadmin.PutAsJsonAsync($"/api/v1/security/users/{userId}/roles", new { roles = new[] { "TownshipCadre" } });
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);

        // The role change renews the security stamp: the old token stops working at once.
        Assert.Equal(HttpStatusCode.Unauthorized, (await fresh.GetAsync("/api/v1/me")).StatusCode);
        using var again = await app.ClientForAsync("lidu.new", "Lidu#2023b");
        var list = await again.GetFromJsonAsync<JsonElement>("/api/v1/enterprises?pageSize=200");
        Assert.True(list.GetProperty("total").GetInt32() > 20);
        Assert.All(list.GetProperty("items").EnumerateArray(), e => Assert.StartsWith("360124101", e.GetProperty("jurisdictionCode").GetString(), StringComparison.Ordinal));

        await using var db = app.AuditDb();
        var audit = await db.AuditEntries.Where(a => a.EntityId != null && a.EntityId.StartsWith(userId.ToString())).Select(a => new { a.Actor, a.Action, a.After }).ToListAsync();
        Assert.Contains(audit, a => a.Actor == "admin" && a.Action == "app-user.created" && !a.After!.Contains("PasswordHash", StringComparison.Ordinal));
        Assert.Contains(audit, a => a.Actor == "secadmin" && a.Action == "identity-user-role`1.created");
    }

    [Fact]
    public async Task The_security_admin_cannot_combine_administrative_roles_or_give_a_role_the_binding_does_not_fit()
    {
        using var secadmin = await app.ClientForAsync("secadmin");
        var auditor = await app.UserIdAsync("auditor");
        var combined = await secadmin.PutAsJsonAsync($"/api/v1/security/users/{auditor}/roles", new { roles = new[] { "Auditor", "SystemAdmin" } });
        Assert.Equal(HttpStatusCode.BadRequest, combined.StatusCode);
        Assert.Contains("三员分立", await combined.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var minhe = await app.UserIdAsync("jx.minhe");
        var wrongKind = await secadmin.PutAsJsonAsync($"/api/v1/security/users/{minhe}/roles", new { roles = new[] { "SafetyOffice" } });
        Assert.Equal(HttpStatusCode.BadRequest, wrongKind.StatusCode);
        var enterprise = await app.UserIdAsync("jx.ent.minhe1");
        var enterpriseAsCadre = await secadmin.PutAsJsonAsync($"/api/v1/security/users/{enterprise}/roles", new { roles = new[] { "TownshipCadre" } });
        Assert.Equal(HttpStatusCode.BadRequest, enterpriseAsCadre.StatusCode);

        await using var db = app.Db(AccessScope.ActorOnly("test"));
        var auditorRoles = await db.UserRoles.Where(ur => ur.UserId == auditor).CountAsync();
        Assert.Equal(1, auditorRoles);
    }

    [Theory]
    [InlineData("jx.office", "/api/v1/admin/users")]
    [InlineData("secadmin", "/api/v1/admin/users")]
    [InlineData("admin", "/api/v1/audit")]
    [InlineData("auditor", "/api/v1/security/policy")]
    [InlineData("jx.ent.minhe1", "/api/v1/audit/export.xlsx")]
    public async Task Each_admin_door_is_closed_to_the_other_roles(string user, string path)
    {
        using var client = await app.ClientForAsync(user);
        var response = path == "/api/v1/admin/users"
            ? await client.PostAsJsonAsync(path, new { userName = "x.y", displayName = "x", password = "Abc#12345", unitId = Guid.NewGuid() })
            : await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task The_auditor_searches_and_exports_the_log()
    {
        using var auditor = await app.ClientForAsync("auditor");
        var page = await auditor.GetFromJsonAsync<JsonElement>("/api/v1/audit?action=sign-in");
        Assert.Contains(page.GetProperty("items").EnumerateArray(), a => a.GetProperty("actor").GetString() == "auditor");
        var export = await auditor.GetAsync("/api/v1/audit/export.xlsx");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType!.MediaType);
        var bytes = await export.Content.ReadAsByteArrayAsync();
        Assert.Equal((byte)'P', bytes[0]);
        Assert.Equal((byte)'K', bytes[1]);
    }

    [Theory]
    [InlineData("91360124MA1NH7351Y", "校验位错误")]
    [InlineData("91360124MA1NH7351", "18位")]
    [InlineData("91360124MA1NH735IO", "不允许的字符")]
    public async Task An_enterprise_with_a_bad_credit_code_is_refused_and_nothing_is_written(string uscc, string message)
    {
        using var admin = await app.ClientForAsync("admin");
        await using var db = app.SystemDb();
        var before = await db.Enterprises.CountAsync();
        var response = await admin.PostAsJsonAsync("/api/v1/admin/enterprises", new { name = "测试企业有限公司", uscc, jurisdictionCode = "360124100000", sectorCode = "INDTRADE" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(message, problem.GetProperty("errors").GetProperty("uscc")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await db.Enterprises.CountAsync());
    }

    /// <summary>
    /// The credit code is unique nationally, checked by the unique index (which sees every row, whatever the scope)
    /// instead of a read across scopes (issue #15 §6): a code already registered elsewhere is refused with a clear
    /// message, and the refused save writes nothing — no enterprise, no audit row.
    /// </summary>
    [Fact]
    public async Task A_credit_code_already_registered_is_refused_by_the_unique_index_and_nothing_is_written()
    {
        using var admin = await app.ClientForAsync("admin");
        await using var db = app.SystemDb();
        var taken = await db.Enterprises.Where(e => e.JurisdictionCode.StartsWith("5325")).Select(e => e.Uscc).FirstAsync(TestContext.Current.CancellationToken);
        var before = await db.Enterprises.CountAsync(TestContext.Current.CancellationToken);
        await using var audit = app.AuditDb();
        var audited = await audit.AuditEntries.CountAsync(TestContext.Current.CancellationToken);
        var response = await admin.PostAsJsonAsync("/api/v1/admin/enterprises", new { name = "进贤县某化工有限公司", uscc = taken, jurisdictionCode = "360124100000", sectorCode = "HAZCHEM" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("该统一社会信用代码已登记", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await db.Enterprises.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(audited, await audit.AuditEntries.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task An_enterprise_is_registered_with_its_sector_default_risk_and_a_duplicate_code_is_refused()
    {
        using var admin = await app.ClientForAsync("admin");
        var body = new { name = "进贤县民和新建化工有限公司", uscc = "91360124MA1NH73510", jurisdictionCode = "360124100000", sectorCode = "HAZCHEM" };
        var created = await admin.PostAsJsonAsync("/api/v1/admin/enterprises", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = await created.Content.ReadFromJsonAsync<Guid>();
        var read = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/enterprises/{id}");
        Assert.True(read.GetProperty("highRisk").GetBoolean());

        var duplicate = await admin.PostAsJsonAsync("/api/v1/admin/enterprises", body with { name = "另一家" });
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Contains("已登记", await duplicate.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var minhe = await app.ClientForAsync("jx.minhe");
        Assert.Equal(HttpStatusCode.OK, (await minhe.GetAsync($"/api/v1/enterprises/{id}")).StatusCode);
        using var lidu = await app.ClientForAsync("jx.lidu");
        Assert.Equal(HttpStatusCode.NotFound, (await lidu.GetAsync($"/api/v1/enterprises/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_weak_password_or_a_taken_user_name_is_refused_in_Chinese()
    {
        using var admin = await app.ClientForAsync("admin");
        var unit = await app.UnitIdAsync("李渡镇人民政府");
        var weak = await admin.PostAsJsonAsync("/api/v1/admin/users", new { userName = "weak.pw", displayName = "弱", password = "abcdefgh", unitId = unit });
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Contains("至少3类", await weak.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var taken = await admin.PostAsJsonAsync("/api/v1/admin/users", new { userName = "jx.minhe", displayName = "重名", password = "Abcd#12345678", unitId = unit });
        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
        Assert.Contains("用户名已存在", await taken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var unbound = await admin.PostAsJsonAsync("/api/v1/admin/users", new { userName = "no.unit", displayName = "无单位", password = "Abcd#12345678" });
        Assert.Equal(HttpStatusCode.BadRequest, unbound.StatusCode);
    }

    [Fact]
    public async Task Rebinding_moves_an_account_to_another_township_and_refuses_a_binding_its_roles_do_not_fit()
    {
        using var admin = await app.ClientForAsync("admin");
        var cadre = await app.UserIdAsync("jx.lidu");
        var office = await app.UnitIdAsync("进贤县安委办");
        var refused = await admin.PutAsJsonAsync($"/api/v1/admin/users/{cadre}/binding", new { unitId = office });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("请先由安全管理员调整角色", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var wenlan = await app.UnitIdAsync("文澜街道办事处");
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/admin/users/{cadre}/binding", new { unitId = wenlan })).StatusCode);
        using var moved = await app.ClientForAsync("jx.lidu");
        var me = await moved.GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal("532503001000", me.GetProperty("jurisdiction").GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await moved.GetAsync("/api/v1/jurisdictions/360124101000")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await moved.GetAsync("/api/v1/jurisdictions/532503001000")).StatusCode);
    }

}
