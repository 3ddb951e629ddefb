using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using HazardPortal.Core.Hazards;
using HazardPortal.Tests;
using static HazardPortal.Tests.TestApi;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.IntegrationTests;

/// <summary>
/// Public reports that reach the ground (issue #16 §3): a replayed form files one report; identical text for the same
/// place within a day is flagged; the county hands a report to a township, which checks it without seeing the
/// reporter and replies with findings and photos; the county then turns it into a hazard.
/// </summary>
public class PublicReportCheckTests(PublicReportCheckTests.App app) : IClassFixture<PublicReportCheckTests.App>
{
    public sealed class App : PortalApp;

    private static object Report(string token, string description) => new
    {
        jurisdictionCode = "360124000000", location = "李渡镇烧酒街口", description, anonymous = false, reporterName = "王女士", reporterPhone = "13900000001", token,
    };

    [Fact]
    public async Task A_replayed_form_files_one_report_and_the_same_text_twice_is_a_probable_duplicate()
    {
        using var anonymous = app.Anonymous();
        var token = Guid.NewGuid().ToString("N");
        var first = await Json(await anonymous.PostAsJsonAsync("/api/v1/public/reports", Report(token, "酒厂锅炉房无人值守，压力表损坏")));
        var replay = await Json(await anonymous.PostAsJsonAsync("/api/v1/public/reports", Report(token, "酒厂锅炉房无人值守，压力表损坏")));
        Assert.Equal(first.GetProperty("queryCode").GetString(), replay.GetProperty("queryCode").GetString());
        await using (var db = app.SystemDb())
        {
            Assert.Equal(1, await db.PublicReports.CountAsync(r => r.IntakeToken == token));
        }

        // Another form (another token) with the same words: a second report, flagged to the triager as a probable duplicate.
        await Json(await anonymous.PostAsJsonAsync("/api/v1/public/reports", Report(Guid.NewGuid().ToString("N"), "酒厂锅炉房无人值守， 压力表损坏。")));
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.PostAsJsonAsync("/api/v1/public/reports", Report("bad token!", "x"))).StatusCode);
        using var office = await app.ClientForAsync("jx.office");
        var queue = (await office.GetFromJsonAsync<JsonElement>("/api/v1/public-reports")).EnumerateArray()
            .Where(r => r.GetProperty("description").GetString()!.StartsWith("酒厂锅炉房", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, queue.Count);
        Assert.All(queue, r => Assert.Equal(1, r.GetProperty("probableDuplicates").GetArrayLength()));
    }

    [Fact]
    public async Task The_county_hands_a_report_to_a_township_which_replies_without_seeing_the_reporter()
    {
        using var anonymous = app.Anonymous();
        await Json(await anonymous.PostAsJsonAsync("/api/v1/public/reports", Report(Guid.NewGuid().ToString("N"), "民和镇某仓库堆放液化气钢瓶，无通风")));
        using var office = await app.ClientForAsync("jx.office");
        var report = (await office.GetFromJsonAsync<JsonElement>("/api/v1/public-reports")).EnumerateArray()
            .Single(r => r.GetProperty("description").GetString()!.StartsWith("民和镇某仓库", StringComparison.Ordinal));
        var id = report.GetProperty("id").GetGuid();
        Assert.Equal("王女士", report.GetProperty("reporterName").GetString());

        // Only a township of the county, and a due day not in the past.
        Assert.Equal(HttpStatusCode.BadRequest, (await office.PostAsJsonAsync($"/api/v1/public-reports/{id}/assign", new { township = "532503001000", dueOn = Days(5) })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await office.PostAsJsonAsync($"/api/v1/public-reports/{id}/assign", new { township = "360124100000", dueOn = Days(-1) })).StatusCode);
        var assigned = await Json(await office.PostAsJsonAsync($"/api/v1/public-reports/{id}/assign", new { township = "360124100000", dueOn = Days(5) }));
        Assert.Equal("Assigned", assigned.GetProperty("status").GetString());
        Assert.Equal("民和镇", assigned.GetProperty("check").GetProperty("townshipName").GetString());

        // 民和镇 sees it in its queue — the facts, never the reporter — and was told; 李渡镇 sees nothing of it.
        using var minhe = await app.ClientForAsync("jx.minhe");
        var checks = await minhe.GetStringAsync("/api/v1/public-reports/checks");
        Assert.Contains("民和镇某仓库", checks, StringComparison.Ordinal);
        Assert.DoesNotContain("王女士", checks, StringComparison.Ordinal);
        Assert.DoesNotContain("13900000001", checks, StringComparison.Ordinal);
        Assert.DoesNotContain("reporter", checks, StringComparison.OrdinalIgnoreCase);
        Assert.Contains((await minhe.GetFromJsonAsync<JsonElement>("/api/v1/notifications")).EnumerateArray(), n => n.GetProperty("kind").GetString() == "PublicReportAssigned");
        Assert.Equal(HttpStatusCode.Forbidden, (await minhe.GetAsync("/api/v1/public-reports")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await minhe.GetAsync($"/api/v1/public-reports/{id}")).StatusCode);
        using var lidu = await app.ClientForAsync("jx.lidu");
        Assert.DoesNotContain("民和镇某仓库", await lidu.GetStringAsync("/api/v1/public-reports/checks"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await lidu.PostAsync($"/api/v1/public-reports/{id}/reply", Reply("李渡镇冒名回复"))).StatusCode);

        // The reply needs findings; then it carries its photo to the county.
        Assert.Equal(HttpStatusCode.BadRequest, (await minhe.PostAsync($"/api/v1/public-reports/{id}/reply", Reply(" "))).StatusCode);
        var replied = await Json(await minhe.PostAsync($"/api/v1/public-reports/{id}/reply", Reply("现场核实：仓库存放液化气钢瓶32只，无通风设施，已责令停用", photo: true)));
        Assert.Equal("Replied", replied.GetProperty("status").GetString());
        Assert.Equal(1, replied.GetProperty("checkPhotoIds").GetArrayLength());
        Assert.Equal(HttpStatusCode.Conflict, (await minhe.PostAsync($"/api/v1/public-reports/{id}/reply", Reply("再次回复"))).StatusCode);
        var photoId = replied.GetProperty("checkPhotoIds")[0].GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await minhe.GetAsync($"/api/v1/public-reports/photos/{photoId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lidu.GetAsync($"/api/v1/public-reports/photos/{photoId}")).StatusCode);

        // The county reads the findings and triages the report into a hazard.
        var read = await office.GetFromJsonAsync<JsonElement>($"/api/v1/public-reports/{id}");
        Assert.Equal("Replied", read.GetProperty("status").GetString());
        Assert.StartsWith("现场核实", read.GetProperty("check").GetProperty("findings").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, read.GetProperty("check").GetProperty("photoIds").GetArrayLength());
        using var firm = await app.ClientForAsync("jx.ent.minhe1");
        var enterprise = (await firm.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("enterpriseId").GetGuid();
        var triaged = await Json(await office.PostAsJsonAsync($"/api/v1/public-reports/{id}/triage", new
        {
            hazard = new
            {
                enterpriseId = enterprise, title = "仓库违规存放液化气钢瓶", grade = "Major", foundOn = Days(0),
                plan = new { responsiblePerson = "周磊", measures = "清理钢瓶", funds = 500, deadline = Days(10), emergencyPlan = "停用仓库" },
            },
        }));
        Assert.Equal("Accepted", triaged.GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKind.Null, triaged.GetProperty("hazardId").ValueKind);

        // The reporter sees only that it is being handled, then its outcome.
        var code = await FindCodeAsync(id);
        Assert.Equal("经核查属实，已列入隐患整改", (await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/public/reports/{code}")).GetProperty("statusText").GetString());
    }

    private async Task<string> FindCodeAsync(Guid id)
    {
        await using var db = app.SystemDb();
        return await db.PublicReports.Where(r => r.Id == id).Select(r => r.QueryCode).SingleAsync();
    }

    private static MultipartFormDataContent Reply(string findings, bool photo = false)
    {
        var form = new MultipartFormDataContent { { new StringContent(findings), "findings" } };
        if (photo)
        {
            form.Add(new ByteArrayContent(TestImages.Jpeg()) { Headers = { ContentType = new MediaTypeHeaderValue("image/jpeg") } }, "photos", "check.jpg");
        }

        return form;
    }
}
