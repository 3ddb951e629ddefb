using System.Net.Http.Json;
using System.Text.Json;
using HazardPortal.Tests;
using Microsoft.AspNetCore.Hosting;

namespace HazardPortal.IntegrationTests;

/// <summary>
/// A request holds at most one pooled connection at a time. The failover drill (#18) found the pool of 40 exhausted
/// long after a stall had passed: if a request held one connection while it waited for a second, 40 requests in
/// work would each hold one and wait for another until the pool's timeout, and again, and again. With a pool of one
/// connection, the everyday requests — sign-in, the ledger, opening, saving, submitting and returning a dispatch form,
/// opening one right after the issuer moved its cutoff (the reference dropped), registering a hazard — all succeed; one that needed two would wait for itself and fail after 5 s.
/// </summary>
public class OneConnectionPerRequestTests(OneConnectionPerRequestTests.App app) : IClassFixture<OneConnectionPerRequestTests.App>
{
    public sealed class App : PortalApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Database:App", AppConnection + ";Maximum Pool Size=1;Timeout=5");
        }
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {response.RequestMessage?.RequestUri}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [Fact]
    public async Task Everyday_requests_succeed_on_a_pool_of_one_connection()
    {
        using var minhe = await app.ClientForAsync("jx.minhe");
        using var office = await app.ClientForAsync("jx.office");
        using var firm = await app.ClientForAsync("jx.ent.minhe1");

        await Json(await minhe.GetAsync("/api/v1/hazards/"));
        var form = await Json(await minhe.GetAsync("/api/v1/dispatch/forms?unit=360124100000&template=JX-COUNTY-2023&period=2023-10"));
        var id = form.GetProperty("id").GetGuid();
        var saved = await Json(await minhe.PutAsJsonAsync($"/api/v1/dispatch/forms/{id}", new { version = form.GetProperty("version").GetUInt32(), items = Array.Empty<object>() }));
        var submitted = await Json(await minhe.PostAsJsonAsync($"/api/v1/dispatch/forms/{saved.GetProperty("id").GetGuid()}/submit", new { version = saved.GetProperty("version").GetUInt32() }));
        await Json(await office.PostAsJsonAsync($"/api/v1/dispatch/forms/{submitted.GetProperty("id").GetGuid()}/return", new { reason = "请核实企业自查隐患数" }));
        await Json(await office.GetAsync("/api/v1/dispatch/forms?unit=360124000000&template=JX-COUNTY-2023&period=2023-10"));

        // The county moves its cutoff: the reference is dropped, and the next form read loads it again — before it holds its
        // connection — and sees the change.
        var issue = (await Json(await office.GetAsync("/api/v1/dispatch/issues"))).EnumerateArray().Single().GetProperty("id").GetGuid();
        await Json(await office.PutAsJsonAsync($"/api/v1/dispatch/issues/{issue}", new { cutoffDays = new[] { 25 } }));
        var moved = await Json(await minhe.GetAsync("/api/v1/dispatch/forms?unit=360124100000&template=JX-COUNTY-2023&period=2023-11"));
        Assert.Equal("2023-11-25", moved.GetProperty("asOf").GetString());

        var enterprise = (await Json(await firm.GetAsync("/api/v1/me"))).GetProperty("enterpriseId").GetGuid();
        var hazard = await Json(await firm.PostAsJsonAsync("/api/v1/hazards", new { enterpriseId = enterprise, title = "一个连接的请求", grade = "General", foundOn = "2023-08-20" }));
        await Json(await firm.GetAsync($"/api/v1/hazards/{hazard.GetProperty("id").GetGuid()}"));
    }
}
