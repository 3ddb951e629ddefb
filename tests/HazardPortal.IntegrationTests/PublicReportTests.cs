using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using HazardPortal.Core.Hazards;
using HazardPortal.Tests;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.IntegrationTests;

/// <summary>举报: the public door, the county 安委办's queue and nobody else's, triage (SPEC §5).</summary>
public class PublicReportTests(PublicReportTests.App app) : IClassFixture<PublicReportTests.App>
{
    public sealed class App : PortalApp;

    private static readonly byte[] Jpeg = TestImages.Jpeg();

    private static string Days(int n) => ChinaTime.Today(TimeProvider.System).AddDays(n).ToString("yyyy-MM-dd");

    [Fact]
    public async Task A_report_on_minhe_reaches_the_jinxian_office_alone_and_becomes_a_hazard()
    {
        using var anonymous = app.Anonymous();
        var filed = await anonymous.PostAsJsonAsync("/api/v1/public/reports", new
        {
            jurisdictionCode = "360124100000", subjectName = "民和镇某烟花爆竹零售点", location = "民和镇老街23号",
            description = "店内超量存放烟花爆竹，楼上住人", anonymous = false, reporterName = "李先生", reporterPhone = "13800000000",
        });
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        var code = (await filed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("queryCode").GetString()!;
        Assert.Equal(12, code.Length);

        var photo = new MultipartFormDataContent { { new ByteArrayContent(Jpeg) { Headers = { ContentType = new MediaTypeHeaderValue("image/jpeg") } }, "file", "p.jpg" } };
        Assert.Equal(HttpStatusCode.Created, (await anonymous.PostAsync($"/api/v1/public/reports/{code}/photos", photo)).StatusCode);
        var fake = new MultipartFormDataContent { { new ByteArrayContent("<html>"u8.ToArray()), "file", "p.jpg" } };
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.PostAsync($"/api/v1/public/reports/{code}/photos", fake)).StatusCode);

        // The query code shows the status and its day, nothing else; a guessed code answers 404.
        var status = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/public/reports/{code.ToLowerInvariant()}");
        Assert.Equal("Received", status.GetProperty("status").GetString());
        Assert.Equal(["status", "statusText", "updatedOn"], status.EnumerateObject().Select(p => p.Name).Order().ToArray());
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/v1/public/reports/ABCDEFGHJKLM")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/v1/public/reports/x")).StatusCode);

        // Only 进贤县安委办 sees the queue and the reporter.
        using var office = await app.ClientForAsync("jx.office");
        var queue = await office.GetFromJsonAsync<JsonElement>("/api/v1/public-reports");
        var report = queue.EnumerateArray().Single(r => r.GetProperty("location").GetString() == "民和镇老街23号");
        Assert.Equal("李先生", report.GetProperty("reporterName").GetString());
        Assert.Equal(1, report.GetProperty("photoIds").GetArrayLength());
        var id = report.GetProperty("id").GetGuid();
        foreach (var user in new[] { "jx.minhe", "hh.office", "jx.yjj", "nat.office", "jx.ent.minhe1" })
        {
            using var other = await app.ClientForAsync(user);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync("/api/v1/public-reports")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/api/v1/public-reports/{id}")).StatusCode);
        }

        // The audit trail records the intake as the named system scope and never the reporter or the photo bytes.
        await using (var audit = app.AuditDb())
        {
            var entries = await audit.AuditEntries.Where(a => a.EntityType == "PublicReport" || a.EntityType == "PublicReportPhoto").ToListAsync(TestContext.Current.CancellationToken);
            Assert.Contains(entries, a => a.EntityId == id.ToString() && a.Actor == "system:public-intake");
            Assert.All(entries, a => Assert.DoesNotContain("李先生", a.After ?? string.Empty));
            Assert.All(entries, a => Assert.DoesNotContain("13800000000", a.After ?? string.Empty));
            Assert.All(entries, a => Assert.DoesNotContain(code, a.After ?? string.Empty));
            Assert.All(entries, a => Assert.DoesNotContain("\"Content\"", a.After ?? string.Empty));
        }

        // Another county's office is a county office too, but the report is not in its scope.
        using var chengkou = await app.ClientForAsync("ck.office");
        Assert.DoesNotContain((await chengkou.GetFromJsonAsync<JsonElement>("/api/v1/public-reports")).EnumerateArray(), r => r.GetProperty("id").GetGuid() == id);
        Assert.Equal(HttpStatusCode.NotFound, (await chengkou.GetAsync($"/api/v1/public-reports/{id}")).StatusCode);

        // Triage: a hazard of a place in 民和镇, source 举报, with the report's photo.
        Guid placeId;
        await using (var db = app.SystemDb())
        {
            placeId = await db.Places.Where(p => p.Name == "民和镇老街自建房（经营性）集中片区").Select(p => p.Id).SingleAsync(TestContext.Current.CancellationToken);
        }

        var neither = await office.PostAsJsonAsync($"/api/v1/public-reports/{id}/triage", new { });
        Assert.Equal(HttpStatusCode.BadRequest, neither.StatusCode);
        var triaged = await office.PostAsJsonAsync($"/api/v1/public-reports/{id}/triage", new
        {
            hazard = new
            {
                placeId, title = "老街零售点超量存放烟花爆竹", location = "民和镇老街23号", grade = "Major", foundOn = Days(0),
                plan = new { responsiblePerson = "民和镇 张伟", measures = "清理超量存放，搬离居住场所", funds = 0, deadline = Days(3), emergencyPlan = "现场警戒" },
            },
        });
        Assert.Equal(HttpStatusCode.OK, triaged.StatusCode);
        var after = await triaged.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Accepted", after.GetProperty("status").GetString());
        var hazardId = after.GetProperty("hazardId").GetGuid();
        var hazard = await office.GetFromJsonAsync<JsonElement>($"/api/v1/hazards/{hazardId}");
        Assert.Equal("PublicReport", hazard.GetProperty("source").GetString());
        Assert.Equal("Reported", hazard.GetProperty("status").GetString());
        Assert.Equal(1, hazard.GetProperty("photos").GetArrayLength());
        Assert.Equal(HttpStatusCode.Conflict, (await office.PostAsJsonAsync($"/api/v1/public-reports/{id}/triage", new { dismissReason = "重复" })).StatusCode);

        var status2 = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/public/reports/{code}");
        Assert.Equal("Accepted", status2.GetProperty("status").GetString());

        // A reward on the report takes its anonymity; only the county office can record it.
        var reward = await office.PostAsJsonAsync("/api/v1/rewards", new { date = Days(0), amountWan = 0.5m, anonymous = true, publicReportId = id });
        Assert.Equal(HttpStatusCode.Created, reward.StatusCode);
        Assert.False((await reward.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("anonymous").GetBoolean());
        using var minhe = await app.ClientForAsync("jx.minhe");
        Assert.Equal(HttpStatusCode.Forbidden, (await minhe.PostAsJsonAsync("/api/v1/rewards", new { date = Days(0), amountWan = 0.5m, publicReportId = id })).StatusCode);
    }

    [Fact]
    public async Task A_dismissal_needs_a_reason_and_an_invalid_report_writes_nothing()
    {
        using var anonymous = app.Anonymous();
        await using var db = app.SystemDb();
        var before = await db.PublicReports.CountAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.PostAsJsonAsync("/api/v1/public/reports", new { jurisdictionCode = "360124100000", location = "", description = "x", anonymous = true })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.PostAsJsonAsync("/api/v1/public/reports", new { jurisdictionCode = "360100000000", location = "南昌", description = "x", anonymous = true })).StatusCode);
        Assert.Equal(before, await db.PublicReports.CountAsync(TestContext.Current.CancellationToken));

        var code = (await (await anonymous.PostAsJsonAsync("/api/v1/public/reports", new { jurisdictionCode = "360124101000", location = "李渡镇", description = "路边堆放液化气钢瓶", anonymous = true }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("queryCode").GetString();
        using var office = await app.ClientForAsync("jx.office");
        var id = (await office.GetFromJsonAsync<JsonElement>("/api/v1/public-reports?status=Received")).EnumerateArray().Single(r => r.GetProperty("location").GetString() == "李渡镇").GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.BadRequest, (await office.PostAsJsonAsync($"/api/v1/public-reports/{id}/triage", new { dismissReason = " " })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await office.PostAsJsonAsync($"/api/v1/public-reports/{id}/triage", new { dismissReason = "经现场核查，钢瓶为空瓶且已清运" })).StatusCode);
        Assert.Equal("Dismissed", (await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/public/reports/{code}")).GetProperty("status").GetString());
    }
}

/// <summary>Rapid reports from one address are refused with 429 (own app: its own limiter).</summary>
public class PublicReportRateLimitTests(PublicReportRateLimitTests.App app) : IClassFixture<PublicReportRateLimitTests.App>
{
    public sealed class App : PortalApp;

    [Fact]
    public async Task Rapid_reports_from_one_address_get_429()
    {
        using var anonymous = app.Anonymous();
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            var r = await anonymous.PostAsJsonAsync("/api/v1/public/reports", new { jurisdictionCode = "360124100000", location = $"地点{i}", description = "占用消防通道", anonymous = true });

            codes.Add(r.StatusCode);
        }

        Assert.Equal(5, codes.Count(c => c == HttpStatusCode.Created));
        Assert.Equal(HttpStatusCode.TooManyRequests, codes[^1]);
        await using var db = app.SystemDb();
        Assert.Equal(5, await db.PublicReports.CountAsync(r => r.Description == "占用消防通道", TestContext.Current.CancellationToken));
    }
}
