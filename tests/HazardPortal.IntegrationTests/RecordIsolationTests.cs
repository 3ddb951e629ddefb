using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HazardPortal.Core.Data;
using HazardPortal.Core.Hazards;
using HazardPortal.Core.Identity;
using HazardPortal.Core.Tenancy;
using HazardPortal.Tests;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.IntegrationTests;

/// <summary>
/// The isolation matrix extended to every field record: one of each at 民和镇 (鑫达机械 or the town),
/// then every foreign account gets 404 for the record and finds none in its lists, and PostgreSQL's
/// row security hides the rows even when the application filter is switched off.
/// </summary>
public class RecordIsolationTests(RecordIsolationTests.App app) : IClassFixture<RecordIsolationTests.App>
{
    public sealed class App : PortalApp;

    private const string MinhePath = "000000000000.360000000000.360100000000.360124000000.360124100000";
    private const string LiduPath = "000000000000.360000000000.360100000000.360124000000.360124101000";

    private static readonly string[] Tables =
        ["inspections", "enforcement_actions", "leadership_activities", "jurisdiction_facts", "rewards", "public_reports", "public_report_photos", "drills", "risks", "commitment_receipts", "prominent_problems"];

    private static string Days(int n) => ChinaTime.Today(TimeProvider.System).AddDays(n).ToString("yyyy-MM-dd");

    private static async Task<Guid> IdOf(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task Every_record_at_minhe_is_invisible_outside_its_scope()
    {
        using var officer = await app.ClientForAsync("jx.ent.minhe1");
        using var head = await app.ClientForAsync("jx.ent.minhe1.head");
        using var yjj = await app.ClientForAsync("jx.yjj");
        using var minhe = await app.ClientForAsync("jx.minhe");
        var firm = (await officer.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("enterpriseId").GetGuid();

        var records = new Dictionary<string, Guid>
        {
            ["inspections"] = await IdOf(await yjj.PostAsJsonAsync("/api/v1/inspections", new { kind = "Enforcement", date = Days(-1), enterpriseId = firm, inspectors = new[] { "jx.yjj" } })),
            ["enforcement-actions"] = await IdOf(await yjj.PostAsJsonAsync("/api/v1/enforcement-actions", new { kind = "Suspension", date = Days(-1), enterpriseId = firm, documentNumber = "进应急停〔2023〕3号" })),
            ["leadership-activities"] = await IdOf(await minhe.PostAsJsonAsync("/api/v1/leadership-activities", new { jurisdictionCode = "360124100000", kind = "SpecialResearch", date = Days(-1), description = "镇党委专题研究" })),
            ["rewards"] = await IdOf(await minhe.PostAsJsonAsync("/api/v1/rewards", new { jurisdictionCode = "360124100000", date = Days(-1), amountWan = 0.1m, anonymous = true })),
            ["drills"] = await IdOf(await officer.PostAsJsonAsync("/api/v1/drills", new { date = Days(-1), scenario = "火灾疏散演练", participants = 40 })),
            ["risks"] = await IdOf(await officer.PostAsJsonAsync("/api/v1/risks", new { enterpriseId = firm, name = "粉尘爆炸风险" })),
            ["problems"] = await IdOf(await minhe.PostAsJsonAsync("/api/v1/problems", new { enterpriseId = firm, title = "除尘系统长期带病运行", date = Days(-2), rootCauseMeasure = true })),
        };

        // Enterprises do not keep the problem register; a problem outside the scope is not there to be placed.
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync("/api/v1/problems", new { enterpriseId = firm, title = "自报问题" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await minhe.PostAsJsonAsync("/api/v1/problems", new { jurisdictionCode = "360124101000", sectorCode = "GAS", title = "邻镇问题" })).StatusCode);
        var receipt = await IdOf(await officer.PostAsJsonAsync("/api/v1/commitments", new { }));
        Assert.Equal(HttpStatusCode.OK, (await minhe.PutAsJsonAsync("/api/v1/jurisdictions/360124100000/facts", new { asOf = Days(-1), mediaColumn = true, technicalInspectors = 2 })).StatusCode);
        using (var anonymous = app.Anonymous())
        {
            var filed = await anonymous.PostAsJsonAsync("/api/v1/public/reports", new { jurisdictionCode = "360124100000", location = "民和镇", description = "隔离测试", anonymous = true });
            var code = (await filed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("queryCode").GetString();
            var photo = new MultipartFormDataContent { { new ByteArrayContent(TestImages.Png()), "file", "p.png" } };
            Assert.Equal(HttpStatusCode.Created, (await anonymous.PostAsync($"/api/v1/public/reports/{code}/photos", photo)).StatusCode);
        }

        // Insiders see them, one by one.
        foreach (var (path, id) in records)
        {
            using var insider = await app.ClientForAsync(path is "drills" or "risks" ? "jx.ent.minhe1" : "jx.office");
            Assert.Equal(HttpStatusCode.OK, (await insider.GetAsync($"/api/v1/{path}/{id}")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync($"/api/v1/inspections/{records["inspections"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await head.GetAsync($"/api/v1/commitments/{receipt}")).StatusCode);
        Assert.Contains((await minhe.GetFromJsonAsync<JsonElement>("/api/v1/drills")).GetProperty("items").EnumerateArray(), d => d.GetProperty("id").GetGuid() == records["drills"]);

        // Outsiders: a sibling township, its enterprise, another enterprise of the same town (for
        // enterprise-owned records), another prefecture, and the technical accounts.
        foreach (var user in new[] { "jx.lidu", "jx.ent.lidu1", "hh.office", "ck.office", "admin" })
        {
            using var client = await app.ClientForAsync(user);
            var business = user != "admin";
            foreach (var (path, id) in records)
            {
                {
                    Assert.Equal(business ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden, (await client.GetAsync($"/api/v1/{path}/{id}")).StatusCode);
                }

                var list = await client.GetAsync($"/api/v1/{path}?pageSize=1000");
                if (!business)
                {
                    Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
                    continue;
                }

                var items = (await list.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray();
                Assert.DoesNotContain(items, i => i.GetProperty("id").GetGuid() == id);
            }

            if (business)
            {
                Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/commitments/{receipt}")).StatusCode);
                Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/jurisdictions/360124100000/facts")).StatusCode);
                Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/v1/inspections/{records["inspections"]}/sign", null)).StatusCode);
            }
        }

        // Another enterprise of the same town sees none of 鑫达's records, nor the town's own.
        using var neighbour = await app.ClientForAsync("jx.ent.minhe2");
        Assert.Equal(HttpStatusCode.NotFound, (await neighbour.GetAsync($"/api/v1/inspections/{records["inspections"]}")).StatusCode);
        foreach (var path in new[] { "drills", "risks", "leadership-activities", "rewards" })
        {
            var items = (await neighbour.GetFromJsonAsync<JsonElement>($"/api/v1/{path}?pageSize=1000")).GetProperty("items").EnumerateArray();
            Assert.DoesNotContain(items, i => records.ContainsValue(i.GetProperty("id").GetGuid()));
        }

        // PostgreSQL alone: with the application filter off, 李渡's scope reads no 民和 row of any table.
        var lidu = AccessScope.ForUser(Guid.NewGuid(), "jx.lidu", [Roles.TownshipCadre], LiduPath, null, null);
        var ct = TestContext.Current.CancellationToken;
        foreach (var table in Tables)
        {
            await using var system = app.SystemDb();
            var sql = "SELECT count(*)::int AS \"Value\" FROM " + table + " WHERE path <@ '" + MinhePath + "'";
            var all = await system.Database.SqlQueryRaw<int>(sql).SingleAsync(ct);
            Assert.True(all > 0, $"{table} should hold a 民和 row for this test");
            await using var foreign = app.Db(lidu);
            Assert.Equal(0, await foreign.Database.SqlQueryRaw<int>(sql).SingleAsync(ct));
        }
    }
}
