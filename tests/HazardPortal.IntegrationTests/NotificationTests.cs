using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HazardPortal.Core.Hazards;
using HazardPortal.Tests;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.IntegrationTests;

/// <summary>
/// The escalation job (issue #6): each rung reaches its users, a second run notifies nobody again, two
/// runs at once make no duplicates, and every user sees only their own notifications.
/// </summary>
public class NotificationTests(NotificationTests.App app) : IClassFixture<NotificationTests.App>
{
    public sealed class App : PortalApp;

    private static string Days(int n) => ChinaTime.Today(TimeProvider.System).AddDays(n).ToString("yyyy-MM-dd");

    private static async Task<JsonElement> Json(HttpResponseMessage r)
    {
        var body = await r.Content.ReadAsStringAsync();
        Assert.True(r.IsSuccessStatusCode, $"{(int)r.StatusCode} {r.RequestMessage?.RequestUri}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<JsonElement> Hazard(HttpClient c, Guid enterprise, string title, int foundDaysAgo, int deadlineFromToday) =>
        await Json(await c.PostAsJsonAsync("/api/v1/hazards", new
        {
            enterpriseId = enterprise, title, grade = "Major", foundOn = Days(-foundDaysAgo),
            plan = new { responsiblePerson = "责任人", measures = "整改措施", funds = 1000, deadline = Days(deadlineFromToday), emergencyPlan = "应急预案" },
        }));

    private static async Task<List<JsonElement>> About(HttpClient c, string title) =>
        (await c.GetFromJsonAsync<JsonElement>("/api/v1/notifications")).EnumerateArray().Where(n => n.GetProperty("title").GetString()!.Contains(title, StringComparison.Ordinal)).ToList();

    private async Task<JsonElement> RunAsync(HttpClient admin) => await Json(await admin.PostAsync("/api/v1/admin/jobs/escalation/run", null));

    [Fact]
    public async Task Each_rung_reaches_its_users_once_and_only_them()
    {
        using var yjj = await app.ClientForAsync("jx.yjj");
        using var firm = await app.ClientForAsync("jx.ent.minhe1");
        using var minhe = await app.ClientForAsync("jx.minhe");
        using var office = await app.ClientForAsync("jx.office");
        using var admin = await app.ClientForAsync("admin");
        var enterprise = (await firm.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("enterpriseId").GetGuid();

        // Three department-found hazards at 民和: due in 3 days, 5 days late, 40 days late.
        var soon = await Hazard(yjj, enterprise, "N1 临期的配电柜隐患", 10, 3);
        await Hazard(yjj, enterprise, "N2 逾期的除尘器隐患", 20, -5);
        var late = await Hazard(yjj, enterprise, "N3 久拖未改的液氨隐患", 60, -40);

        var first = await RunAsync(admin);
        Assert.True(first.GetProperty("ran").GetBoolean());
        Assert.True(first.GetProperty("created").GetInt32() > 0);

        // 临期 → the enterprise; 逾期 → the township and the routed department; 逾期超过30天 → the county 安委办 only.
        Assert.Equal("HazardDueSoon", Assert.Single(await About(firm, "N1")).GetProperty("kind").GetString());
        // Issue #16: the enterprise is told of its own overdue hazard too (it is the one that must rectify it), once.
        Assert.Equal("HazardOverdue", Assert.Single(await About(firm, "N2")).GetProperty("kind").GetString());
        Assert.Empty(await About(minhe, "N1"));
        Assert.Equal("HazardOverdue", Assert.Single(await About(minhe, "N2")).GetProperty("kind").GetString());
        Assert.Single(await About(yjj, "N2"));
        Assert.Single(await About(minhe, "N3"));
        Assert.Empty(await About(office, "N2"));
        Assert.Single(await About(firm, "N3")); // overdue: told once; the 30-day proposal is for the county alone
        var proposal = Assert.Single(await About(office, "N3"));
        Assert.Equal("HazardLongOverdue", proposal.GetProperty("kind").GetString());
        Assert.Contains("建议挂牌督办", proposal.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal($"/hazards/{late.GetProperty("id").GetGuid()}", proposal.GetProperty("link").GetString());

        // The county takes the proposal: the tag reaches the township and the enterprise at once.
        await Json(await office.PostAsJsonAsync($"/api/v1/hazards/{late.GetProperty("id").GetGuid()}/supervise", new
        {
            level = "County", taggedOn = Days(0), deadline = Days(20), version = late.GetProperty("version").GetUInt32(),
        }));
        Assert.Single(await About(minhe, "N3"), n => n.GetProperty("kind").GetString() == "SupervisionTagged");
        Assert.Single(await About(firm, "N3"), n => n.GetProperty("kind").GetString() == "SupervisionTagged");

        // The campaign's last period is long past: units that never submitted December 2023 are told so.
        using var lidu = await app.ClientForAsync("jx.lidu");
        Assert.Contains((await lidu.GetFromJsonAsync<JsonElement>("/api/v1/notifications")).EnumerateArray(),
            n => n.GetProperty("kind").GetString() == "FormMissing" && n.GetProperty("title").GetString()!.Contains("2023-12", StringComparison.Ordinal));

        // A deliverable still owed (李渡镇 never sent 进贤县 its plan; 民和镇 did) and, in a campaign that runs, an unsigned commitment.
        Assert.Contains((await lidu.GetFromJsonAsync<JsonElement>("/api/v1/notifications")).EnumerateArray(),
            n => n.GetProperty("kind").GetString() == "DeliverableOverdue" && n.GetProperty("title").GetString()!.Contains("实施方案和动员部署情况", StringComparison.Ordinal));
        Assert.DoesNotContain((await minhe.GetFromJsonAsync<JsonElement>("/api/v1/notifications")).EnumerateArray(),
            n => n.GetProperty("kind").GetString() == "DeliverableOverdue" && n.GetProperty("title").GetString()!.Contains("实施方案和动员部署情况", StringComparison.Ordinal));
        using var head = await app.ClientForAsync("jx.ent.minhe1.head");
        Assert.DoesNotContain((await head.GetFromJsonAsync<JsonElement>("/api/v1/notifications")).EnumerateArray(), n => n.GetProperty("kind").GetString() == "CommitmentOverdue");
        Assert.Equal(HttpStatusCode.Created, (await office.PostAsJsonAsync("/api/v1/campaigns", new
        {
            code = "ZZGJ-NOW", name = "安全生产治本攻坚行动", startsOn = Days(-30), endsOn = Days(60), commitmentDueOn = Days(-1),
        })).StatusCode);
        Assert.True((await RunAsync(admin)).GetProperty("created").GetInt32() > 0);
        Assert.Single((await head.GetFromJsonAsync<JsonElement>("/api/v1/notifications")).EnumerateArray(), n => n.GetProperty("kind").GetString() == "CommitmentOverdue");

        // Run again: nobody is notified twice.
        var second = await RunAsync(admin);
        Assert.Equal(0, second.GetProperty("created").GetInt32());
        Assert.Single(await About(minhe, "N2"));
        Assert.Single(await About(firm, "N2"));

        // Two runs at once (two instances): one runs, the other skips or finds nothing new; no duplicates.
        await Hazard(yjj, enterprise, "N4 并发运行时新逾期的隐患", 20, -2);
        var runs = await Task.WhenAll(RunAsync(admin), RunAsync(admin));
        Assert.Single(await About(minhe, "N4"));
        Assert.True(runs.Sum(r => r.GetProperty("created").GetInt32()) > 0); // N4's notifications were made by one of the two
        await using (var system = app.SystemDb())
        {
            var duplicates = await system.Database.SqlQueryRaw<int>(
                "SELECT count(*)::int AS \"Value\" FROM (SELECT user_id, hazard_id, kind FROM notifications WHERE hazard_id IS NOT NULL GROUP BY 1, 2, 3 HAVING count(*) > 1) d")
                .SingleAsync(TestContext.Current.CancellationToken);
            Assert.Equal(0, duplicates);
        }

        // Read state and isolation: the unread count drops; another user can neither see nor mark it.
        var unread = (await minhe.GetFromJsonAsync<JsonElement>("/api/v1/notifications/unread-count")).GetProperty("count").GetInt32();
        var mine = Assert.Single(await About(minhe, "N2")).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await lidu.PostAsync($"/api/v1/notifications/{mine}/read", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await firm.PostAsync($"/api/v1/notifications/{mine}/read", null)).StatusCode);
        await Json(await minhe.PostAsync($"/api/v1/notifications/{mine}/read", null));
        Assert.Equal(unread - 1, (await minhe.GetFromJsonAsync<JsonElement>("/api/v1/notifications/unread-count")).GetProperty("count").GetInt32());
        Assert.DoesNotContain((await minhe.GetFromJsonAsync<JsonElement>("/api/v1/notifications?unread=true")).EnumerateArray(), n => n.GetProperty("id").GetGuid() == mine);
        foreach (var user in new[] { "jx.lidu", "hh.office", "jx.ent.minhe2" })
        {
            using var other = await app.ClientForAsync(user);
            Assert.Empty(await About(other, "N2"));
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await minhe.PostAsync("/api/v1/admin/jobs/escalation/run", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/api/v1/admin/jobs/nothing/run", null)).StatusCode);

        // PostgreSQL alone: 李渡's scope reads none of 民和's notifications.
        var liduScope = Core.Tenancy.AccessScope.ForUser(Guid.NewGuid(), "jx.lidu", [Core.Identity.Roles.TownshipCadre],
            "000000000000.360000000000.360100000000.360124000000.360124101000", null, null);
        await using var foreign = app.Db(liduScope);
        Assert.Equal(0, await foreign.Database.SqlQueryRaw<int>(
            "SELECT count(*)::int AS \"Value\" FROM notifications WHERE path <@ '000000000000.360000000000.360100000000.360124000000.360124100000'")
            .SingleAsync(TestContext.Current.CancellationToken));
        Assert.Equal(soon.GetProperty("id").GetGuid(), Assert.Single(await About(firm, "N1")).GetProperty("hazardId").GetGuid());
    }
}
