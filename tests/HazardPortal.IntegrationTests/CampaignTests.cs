using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using HazardPortal.Tests;

namespace HazardPortal.IntegrationTests;

/// <summary>Campaigns (SPEC §7): a new campaign without code changes, phases, deliverables uploaded by the units and tracked by the issuer.</summary>
public class CampaignTests(CampaignTests.App app) : IClassFixture<CampaignTests.App>
{
    public sealed class App : PortalApp;

    private static readonly byte[] Pdf = "%PDF-1.4\n%demo\n"u8.ToArray();

    [Fact]
    public async Task An_office_adds_a_campaign_asks_for_a_deliverable_and_sees_who_has_sent_it()
    {
        using var office = await app.ClientForAsync("jx.office");
        var created = await office.PostAsJsonAsync("/api/v1/campaigns", new { code = "BRGJ-2024", name = "安全生产治本攻坚百日行动", startsOn = "2024-03-01", endsOn = "2024-06-10" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await office.PostAsJsonAsync("/api/v1/campaigns", new { code = "BRGJ-2024", name = "重复", startsOn = "2024-03-01", endsOn = "2024-06-10" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await office.PostAsJsonAsync("/api/v1/campaigns/BRGJ-2024/phases", new { name = "动员部署", startsOn = "2024-03-01", endsOn = "2024-03-15" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await office.PostAsJsonAsync("/api/v1/campaigns/BRGJ-2024/phases", new { name = "越界", startsOn = "2024-02-01", endsOn = "2024-03-15" })).StatusCode);
        var deliverable = await (await office.PostAsJsonAsync("/api/v1/campaigns/BRGJ-2024/deliverables", new { name = "实施方案和动员部署情况", dueOn = "2024-03-15", toChildJurisdictions = true, toDepartments = true }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = deliverable.GetProperty("id").GetGuid();

        // A township owes it and uploads a PDF (a fake file is refused); a department too; a sibling cannot see 民和's file.
        using var minhe = await app.ClientForAsync("jx.minhe");
        var list = await minhe.GetFromJsonAsync<JsonElement>("/api/v1/campaigns");
        Assert.True(list.EnumerateArray().Single(c => c.GetProperty("code").GetString() == "BRGJ-2024").GetProperty("deliverables").EnumerateArray().Single().GetProperty("owed").GetBoolean());
        var fake = new MultipartFormDataContent { { new ByteArrayContent("MZ\u0090"u8.ToArray()), "file", "plan.pdf" } };
        Assert.Equal(HttpStatusCode.BadRequest, (await minhe.PostAsync($"/api/v1/deliverables/{id}/uploads", fake)).StatusCode);
        var upload = new MultipartFormDataContent { { new ByteArrayContent(Pdf) { Headers = { ContentType = new MediaTypeHeaderValue("application/pdf") } }, "file", "民和镇实施方案.pdf" } };
        var uploaded = await minhe.PostAsync($"/api/v1/deliverables/{id}/uploads", upload);
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var uploadId = (await uploaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var yjj = await app.ClientForAsync("jx.yjj");
        Assert.Equal(HttpStatusCode.Created, (await yjj.PostAsync($"/api/v1/deliverables/{id}/uploads", new MultipartFormDataContent { { new ByteArrayContent(Pdf), "file", "应急局方案.pdf" } })).StatusCode);
        using var lidu = await app.ClientForAsync("jx.lidu");
        Assert.Equal(HttpStatusCode.NotFound, (await lidu.GetAsync($"/api/v1/deliverable-uploads/{uploadId}")).StatusCode);
        using var other = await app.ClientForAsync("hh.mengzi.office");
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/v1/deliverables/{id}/uploads", new MultipartFormDataContent { { new ByteArrayContent(Pdf), "file", "x.pdf" } })).StatusCode);

        // The issuer's board: 民和 and the department have sent it (after 3/15: late), 李渡 has not.
        Assert.Equal(HttpStatusCode.Forbidden, (await minhe.GetAsync($"/api/v1/deliverables/{id}/status")).StatusCode);
        var board = await office.GetFromJsonAsync<JsonElement>($"/api/v1/deliverables/{id}/status");
        var rows = board.EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!);
        Assert.Equal("民和镇实施方案.pdf", rows["民和镇"].GetProperty("fileName").GetString());
        Assert.True(rows["民和镇"].GetProperty("late").GetBoolean());
        Assert.Equal(JsonValueKind.Null, rows["李渡镇"].GetProperty("uploadId").ValueKind);
        Assert.Equal("应急局方案.pdf", rows["进贤县应急管理局"].GetProperty("fileName").GetString());
        Assert.Equal(HttpStatusCode.OK, (await office.GetAsync($"/api/v1/deliverable-uploads/{uploadId}")).StatusCode);

        // Only an office sets up a campaign.
        Assert.Equal(HttpStatusCode.Forbidden, (await minhe.PostAsJsonAsync("/api/v1/campaigns", new { code = "X-1", name = "x", startsOn = "2024-03-01", endsOn = "2024-06-10" })).StatusCode);
    }
}
