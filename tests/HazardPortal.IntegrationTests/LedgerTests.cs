using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using HazardPortal.Core.Hazards;
using HazardPortal.Tests;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.IntegrationTests;

public class LedgerTests(LedgerTests.App app) : IClassFixture<LedgerTests.App>
{
    public sealed class App : PortalApp;

    private static readonly byte[] Jpeg = TestImages.Jpeg();

    private static string Today => ChinaTime.Today(TimeProvider.System).ToString("yyyy-MM-dd");

    private static string Days(int n) => ChinaTime.Today(TimeProvider.System).AddDays(n).ToString("yyyy-MM-dd");

    private async Task<Guid> EnterpriseOfAsync(string user)
    {
        using var client = await app.ClientForAsync(user);
        return (await client.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("enterpriseId").GetGuid();
    }

    private static object Body(Guid enterpriseId, string title, bool plan = true) => new
    {
        enterpriseId,
        title,
        description = "冲压机无防护罩，操作人员手部易受伤",
        location = "一车间",
        grade = "Major",
        foundOn = Days(-3),
        basis = new { standardCode = "MAH-INDTRADE-2023", clause = "第十条第（二）项" },
        plan = plan ? new { responsiblePerson = "周磊", measures = "加装防护罩并设置联锁", funds = 5000, deadline = Days(20), emergencyPlan = "停机、警戒、专人看护" } : null,
    };

    private static async Task<JsonElement> Json(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    [Fact]
    public async Task The_whole_loop_through_the_api_as_the_demo_users()
    {
        var firm = await EnterpriseOfAsync("jx.ent.minhe1");
        using var officer = await app.ClientForAsync("jx.ent.minhe1");
        var created = await officer.PostAsJsonAsync("/api/v1/hazards", Body(firm, "冲压机防护罩缺失"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var hazard = await Json(created);
        var id = hazard.GetProperty("id").GetGuid();
        Assert.Equal("Registered", hazard.GetProperty("status").GetString());
        Assert.Equal("SelfInspection", hazard.GetProperty("source").GetString());

        // Before it is reported, the department's queue does not hold it.
        using var yjj = await app.ClientForAsync("jx.yjj");
        var queueBefore = await yjj.GetFromJsonAsync<JsonElement>("/api/v1/hazards?mine=true&pageSize=200");
        Assert.DoesNotContain(queueBefore.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == id);

        var reported = await officer.PostAsJsonAsync($"/api/v1/hazards/{id}/report", new { reportedOn = Days(-2), reportedToWorkersCongress = true, version = hazard.GetProperty("version").GetUInt32() });
        Assert.Equal(HttpStatusCode.OK, reported.StatusCode);
        hazard = await Json(reported);
        Assert.Equal("Reported", hazard.GetProperty("status").GetString());
        var routes = hazard.GetProperty("routes").EnumerateArray().Select(r => r.GetProperty("unitName").GetString()).ToList();
        Assert.Contains("进贤县应急管理局", routes);
        Assert.Contains("民和镇人民政府", routes);
        Assert.True(hazard.GetProperty("exempt").GetBoolean());

        foreach (var queueUser in new[] { "jx.yjj", "jx.minhe" })
        {
            using var client = await app.ClientForAsync(queueUser);
            var queue = await client.GetFromJsonAsync<JsonElement>("/api/v1/hazards?mine=true&pageSize=200");
            Assert.Contains(queue.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == id);
        }

        var extended = await officer.PostAsJsonAsync($"/api/v1/hazards/{id}/extend", new { newDeadline = Days(30), reason = "配件未到货", approvedBy = "王建国", version = hazard.GetProperty("version").GetUInt32() });
        hazard = await Json(extended);
        Assert.Equal(2, hazard.GetProperty("deadlines").GetArrayLength());

        var photo = new MultipartFormDataContent { { new ByteArrayContent(Jpeg) { Headers = { ContentType = new MediaTypeHeaderValue("image/jpeg") } }, "file", "after.jpg" }, { new StringContent("after"), "stage" } };
        Assert.Equal(HttpStatusCode.Created, (await officer.PostAsync($"/api/v1/hazards/{id}/photos", photo)).StatusCode);

        var rectified = await officer.PostAsJsonAsync($"/api/v1/hazards/{id}/rectify", new { rectifiedOn = Days(-1), description = "已加装防护罩和联锁装置", version = hazard.GetProperty("version").GetUInt32() });
        hazard = await Json(rectified);
        Assert.Equal("Rectified", hazard.GetProperty("status").GetString());

        // The officer who recorded the rectification cannot verify; a township cadre of another township cannot either.
        using var lidu = await app.ClientForAsync("jx.lidu");
        Assert.Equal(HttpStatusCode.NotFound, (await lidu.PostAsJsonAsync($"/api/v1/hazards/{id}/verify", new { verifiedOn = Today, passed = true, version = hazard.GetProperty("version").GetUInt32() })).StatusCode);
        using var zjj = await app.ClientForAsync("jx.zjj");
        Assert.Equal(HttpStatusCode.Forbidden, (await zjj.PostAsJsonAsync($"/api/v1/hazards/{id}/verify", new { verifiedOn = Today, passed = true, version = hazard.GetProperty("version").GetUInt32() })).StatusCode);

        var failed = await yjj.PostAsJsonAsync($"/api/v1/hazards/{id}/verify", new { verifiedOn = Today, passed = false, reason = "联锁装置未接线", version = hazard.GetProperty("version").GetUInt32() });
        hazard = await Json(failed);
        Assert.Equal("Reported", hazard.GetProperty("status").GetString());

        hazard = await Json(await officer.PostAsJsonAsync($"/api/v1/hazards/{id}/rectify", new { rectifiedOn = Today, description = "联锁已接线", version = hazard.GetProperty("version").GetUInt32() }));
        using var office = await app.ClientForAsync("jx.office");
        hazard = await Json(await office.PostAsJsonAsync($"/api/v1/hazards/{id}/supervise", new { level = "County", taggedOn = Today, deadline = Days(10), version = hazard.GetProperty("version").GetUInt32() }));
        Assert.Equal("County", hazard.GetProperty("supervision").GetProperty("level").GetString());
        var earlyRemoval = await office.PostAsJsonAsync($"/api/v1/hazards/{id}/unsupervise", new { removedOn = Today, version = hazard.GetProperty("version").GetUInt32() });
        Assert.Equal(HttpStatusCode.Conflict, earlyRemoval.StatusCode);
        Assert.Contains("验收销号后方可摘牌", (await Json(earlyRemoval)).GetProperty("title").GetString(), StringComparison.Ordinal);

        var verified = await yjj.PostAsJsonAsync($"/api/v1/hazards/{id}/verify", new { verifiedOn = Today, passed = true, version = hazard.GetProperty("version").GetUInt32() });
        hazard = await Json(verified);
        Assert.Equal("Verified", hazard.GetProperty("status").GetString());
        Assert.Equal("进贤县应急管理局 王建国", hazard.GetProperty("acceptor").GetString());
        hazard = await Json(await office.PostAsJsonAsync($"/api/v1/hazards/{id}/unsupervise", new { removedOn = Today, version = hazard.GetProperty("version").GetUInt32() }));
        Assert.Equal(Today, hazard.GetProperty("supervision").GetProperty("removedOn").GetString());

        var history = hazard.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["Registered", "Reported", "Extended", "Rectified", "VerificationFailed", "Rectified", "Supervised", "VerificationPassed", "Unsupervised"], history);

        await using var db = app.AuditDb();
        var audit = await db.AuditEntries.Where(a => a.EntityId == id.ToString()).Select(a => a.Action).ToListAsync();
        Assert.Contains("hazard.created", audit);
        Assert.Contains("hazard-supervision.created", audit);
        Assert.Contains("hazard-plan.updated", audit);
        Assert.True(audit.Count(a => a.StartsWith("hazard", StringComparison.Ordinal)) >= 9, string.Join(", ", audit));
    }

    [Fact]
    public async Task A_major_hazard_without_a_plan_stays_a_draft_visible_only_to_its_enterprise()
    {
        var firm = await EnterpriseOfAsync("jx.ent.minhe1");
        using var officer = await app.ClientForAsync("jx.ent.minhe1");
        var draft = await Json(await officer.PostAsJsonAsync("/api/v1/hazards", Body(firm, "配电柜门锁损坏", plan: false)));
        Assert.Equal("Draft", draft.GetProperty("status").GetString());
        var id = draft.GetProperty("id").GetGuid();

        using var minhe = await app.ClientForAsync("jx.minhe");
        Assert.Equal(HttpStatusCode.NotFound, (await minhe.GetAsync($"/api/v1/hazards/{id}")).StatusCode);
        var report = await officer.PostAsJsonAsync($"/api/v1/hazards/{id}/report", new { reportedOn = Today, version = draft.GetProperty("version").GetUInt32() });
        Assert.Equal(HttpStatusCode.Conflict, report.StatusCode);
        Assert.Contains("草稿不能报告", (await Json(report)).GetProperty("title").GetString(), StringComparison.Ordinal);

        var completed = await officer.PostAsJsonAsync($"/api/v1/hazards/{id}/complete", new { plan = new { responsiblePerson = "周磊", measures = "更换门锁", funds = 300, deadline = Days(5), emergencyPlan = "张贴警示" }, version = draft.GetProperty("version").GetUInt32() });
        Assert.Equal("Registered", (await Json(completed)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await minhe.GetAsync($"/api/v1/hazards/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_department_registers_a_hazard_it_found_reported_on_its_found_day_and_marked_other_found()
    {
        var firm = await EnterpriseOfAsync("jx.ent.minhe2");
        using var yjj = await app.ClientForAsync("jx.yjj");
        var created = await yjj.PostAsJsonAsync("/api/v1/hazards", Body(firm, "储罐区可燃气体报警器失效"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var hazard = await Json(created);
        Assert.Equal("Reported", hazard.GetProperty("status").GetString());
        Assert.Equal("DepartmentInspection", hazard.GetProperty("source").GetString());
        Assert.Equal(hazard.GetProperty("foundOn").GetString(), hazard.GetProperty("reportedOn").GetString());
        Assert.True(hazard.GetProperty("otherFound").GetBoolean());
        Assert.False(hazard.GetProperty("exempt").GetBoolean());

        // The enterprise sees it and records the rectification; it cannot register for another enterprise.
        using var ent = await app.ClientForAsync("jx.ent.minhe2");
        Assert.Equal(HttpStatusCode.OK, (await ent.GetAsync($"/api/v1/hazards/{hazard.GetProperty("id").GetGuid()}")).StatusCode);
        var other = await EnterpriseOfAsync("jx.ent.minhe1");
        Assert.Equal(HttpStatusCode.Forbidden, (await ent.PostAsJsonAsync("/api/v1/hazards", Body(other, "越权登记"))).StatusCode);
    }

    [Fact]
    public async Task Twenty_replays_with_one_idempotency_key_create_one_hazard()
    {
        var firm = await EnterpriseOfAsync("jx.ent.lidu1");
        using var officer = await app.ClientForAsync("jx.ent.lidu1");
        var key = Guid.NewGuid().ToString();
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/hazards") { Content = JsonContent.Create(Body(firm, "蒸馏车间酒精蒸气积聚")) };
            request.Headers.Add("Idempotency-Key", key);
            var response = await officer.SendAsync(request);
            return (response.StatusCode, Id: (await Json(response)).GetProperty("id").GetGuid());
        }));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Single(responses.Select(r => r.Id).Distinct());
        await using var db = app.SystemDb();
        Assert.Equal(1, await db.Hazards.CountAsync(h => h.IdempotencyKey == key));
    }

    [Fact]
    public async Task Two_concurrent_transitions_on_one_version_let_exactly_one_through()
    {
        var firm = await EnterpriseOfAsync("jx.ent.minhe1");
        using var officer = await app.ClientForAsync("jx.ent.minhe1");
        using var head = await app.ClientForAsync("jx.ent.minhe1.head");
        var hazard = await Json(await officer.PostAsJsonAsync("/api/v1/hazards", Body(firm, "叉车制动失灵")));
        var id = hazard.GetProperty("id").GetGuid();
        var version = hazard.GetProperty("version").GetUInt32();
        var results = await Task.WhenAll(
            officer.PostAsJsonAsync($"/api/v1/hazards/{id}/report", new { reportedOn = Today, version }),
            head.PostAsJsonAsync($"/api/v1/hazards/{id}/extend", new { newDeadline = Days(40), reason = "等待配件", approvedBy = "吴刚", version }));
        Assert.Single(results, r => r.StatusCode == HttpStatusCode.OK);
        var loser = Assert.Single(results, r => r.StatusCode == HttpStatusCode.Conflict);
        Assert.Contains("已被他人修改", (await Json(loser)).GetProperty("title").GetString(), StringComparison.Ordinal);

        var stale = await officer.PutAsJsonAsync($"/api/v1/hazards/{id}", new { title = "叉车制动失灵（修改）", version });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
    }

    [Fact]
    public async Task Photos_are_checked_by_content_and_size()
    {
        var firm = await EnterpriseOfAsync("jx.ent.minhe1");
        using var officer = await app.ClientForAsync("jx.ent.minhe1");
        var id = (await Json(await officer.PostAsJsonAsync("/api/v1/hazards", Body(firm, "消防通道堵塞")))).GetProperty("id").GetGuid();

        async Task<HttpResponseMessage> Upload(byte[] bytes, string name) =>
            await officer.PostAsync($"/api/v1/hazards/{id}/photos", new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", name } });

        var fake = await Upload("this is not an image"u8.ToArray(), "photo.jpg");
        Assert.Equal(HttpStatusCode.BadRequest, fake.StatusCode);
        Assert.Contains("JPEG、PNG或WebP", await fake.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var big = new byte[11 * 1024 * 1024];
        Jpeg.CopyTo(big, 0);
        Assert.Equal(HttpStatusCode.BadRequest, (await Upload(big, "big.jpg")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Upload([], "empty.jpg")).StatusCode);

        // Only the first bytes of a PNG: the magic check passes, the decoder does not (#19: decoded and written anew).
        var header = await Upload([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D], "header-only.png");
        Assert.Equal(HttpStatusCode.BadRequest, header.StatusCode);
        Assert.Contains("无法识别", await header.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var ok = await Upload(TestImages.Png(), "looks-like.txt");
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        var photoId = (await ok.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var served = await officer.GetAsync($"/api/v1/photos/{photoId}");
        Assert.Equal("image/jpeg", served.Content.Headers.ContentType!.MediaType); // written anew as a JPEG, whatever came in
        Assert.Equal([0xFF, 0xD8], (await served.Content.ReadAsByteArrayAsync())[..2]);

        await using var db = app.SystemDb();
        Assert.Equal(1, await db.HazardPhotos.CountAsync(p => p.HazardId == id));
    }

    [Fact]
    public async Task Hazards_and_photos_of_a_township_answer_404_to_siblings_other_counties_and_provinces_for_every_call()
    {
        var firm = await EnterpriseOfAsync("jx.ent.minhe1");
        using var officer = await app.ClientForAsync("jx.ent.minhe1");
        var hazard = await Json(await officer.PostAsJsonAsync("/api/v1/hazards", Body(firm, "粉尘除尘器未接地")));
        var id = hazard.GetProperty("id").GetGuid();
        var version = hazard.GetProperty("version").GetUInt32();
        var photo = await (await officer.PostAsync($"/api/v1/hazards/{id}/photos", new MultipartFormDataContent { { new ByteArrayContent(Jpeg), "file", "a.jpg" } })).Content.ReadFromJsonAsync<JsonElement>() is var created ? created.GetProperty("id").GetGuid() : default;

        foreach (var outsider in new[] { "jx.lidu", "jx.ent.lidu1", "jx.ent.minhe2", "mz.town", "hh.office", "ck.office", "gc.cadre", "hb.office", "admin", "secadmin" })
        {
            using var client = await app.ClientForAsync(outsider);
            var expected = outsider is "admin" or "secadmin" ? HttpStatusCode.Forbidden : HttpStatusCode.NotFound;
            Assert.Equal(expected, (await client.GetAsync($"/api/v1/hazards/{id}")).StatusCode);
            Assert.Equal(expected, (await client.GetAsync($"/api/v1/photos/{photo}")).StatusCode);
            if (expected == HttpStatusCode.Forbidden)
            {
                continue;
            }

            var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/hazards?pageSize=200");
            Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == id);
            foreach (var (action, body) in new (string, object)[]
            {
                ("report", new { reportedOn = Today, version }), ("extend", new { newDeadline = Days(60), reason = "r", approvedBy = "a", version }),
                ("rectify", new { rectifiedOn = Today, description = "d", version }), ("verify", new { verifiedOn = Today, passed = true, version }),
                ("supervise", new { taggedOn = Today, deadline = Days(5), version }), ("unsupervise", new { removedOn = Today, version }),
                ("void", new { reason = "r", version }),
            })
            {
                Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync($"/api/v1/hazards/{id}/{action}", body)).StatusCode);
            }

            Assert.Equal(HttpStatusCode.NotFound, (await client.PutAsJsonAsync($"/api/v1/hazards/{id}", new { title = "x", version })).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/v1/hazards/{id}/photos", new MultipartFormDataContent { { new ByteArrayContent(Jpeg), "file", "b.jpg" } })).StatusCode);
        }

        using var auditor = await app.ClientForAsync("auditor");
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync($"/api/v1/hazards/{id}")).StatusCode);

        // In scope: the township, the county, the department, the national office.
        foreach (var insider in new[] { "jx.minhe", "jx.office", "jx.yjj", "nat.office" })
        {
            using var client = await app.ClientForAsync(insider);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/hazards/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/photos/{photo}")).StatusCode);
        }
    }

    [Fact]
    public async Task Bad_input_gets_a_clear_error_and_writes_nothing()
    {
        var firm = await EnterpriseOfAsync("jx.ent.minhe1");
        using var officer = await app.ClientForAsync("jx.ent.minhe1");
        await using var db = app.SystemDb();
        var before = await db.Hazards.CountAsync();
        var future = await officer.PostAsJsonAsync("/api/v1/hazards", new { enterpriseId = firm, title = "未来的隐患", grade = "Major", foundOn = Days(2) });
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.Contains("不能晚于今天", await future.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var negative = await officer.PostAsJsonAsync("/api/v1/hazards", new { enterpriseId = firm, title = "资金为负", grade = "Major", foundOn = Today, plan = new { funds = -1 } });
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        var noTitle = await officer.PostAsJsonAsync("/api/v1/hazards", new { enterpriseId = firm, title = "", grade = "Major", foundOn = Today });
        Assert.Equal(HttpStatusCode.BadRequest, noTitle.StatusCode);
        var badStandard = await officer.PostAsJsonAsync("/api/v1/hazards", new { enterpriseId = firm, title = "依据有误", grade = "Major", foundOn = Today, basis = new { standardCode = "NOPE" } });
        Assert.Equal(HttpStatusCode.BadRequest, badStandard.StatusCode);
        Assert.Equal(before, await db.Hazards.CountAsync());
    }
}
