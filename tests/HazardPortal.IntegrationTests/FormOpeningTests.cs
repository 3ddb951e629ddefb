using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HazardPortal.Tests;
using static HazardPortal.Tests.TestApi;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.IntegrationTests;

/// <summary>
/// Reads never write (issue #15 §3): opening a form nobody has saved returns its computed values and the id it will
/// have, and stores nothing; the first save or submit creates it; a period outside the campaign answers 400.
/// </summary>
public class FormOpeningTests(FormOpeningTests.App app) : IClassFixture<FormOpeningTests.App>
{
    public sealed class App : PortalApp;

    private const string Minhe = "360124100000";
    private const string Template = "JX-COUNTY-2023";

    private async Task<int> RowsAsync(string period)
    {
        await using var db = app.SystemDb();
        return await db.DispatchForms.CountAsync(f => f.TemplateCode == Template && f.UnitKey == Minhe && f.Period == period);
    }

    [Fact]
    public async Task Opening_stores_nothing_and_the_first_save_or_submit_creates_the_form()
    {
        using var minhe = await app.ClientForAsync("jx.minhe");
        using var lidu = await app.ClientForAsync("jx.lidu");
        using var office = await app.ClientForAsync("jx.office");

        var opened = await Json(await minhe.GetAsync($"/api/v1/dispatch/forms?unit={Minhe}&template={Template}&period=2023-11"));
        var id = opened.GetProperty("id").GetGuid();
        Assert.Equal("Draft", opened.GetProperty("status").GetString());
        Assert.NotEmpty(opened.GetProperty("items").EnumerateArray());
        Assert.Equal(id, (await Json(await minhe.GetAsync($"/api/v1/dispatch/forms?unit={Minhe}&template={Template}&period=2023-11"))).GetProperty("id").GetGuid());
        Assert.Equal(id, (await Json(await minhe.GetAsync($"/api/v1/dispatch/forms/{id}"))).GetProperty("id").GetGuid());
        Assert.Equal(id, (await Json(await office.GetAsync($"/api/v1/dispatch/forms?unit={Minhe}&template={Template}&period=2023-11"))).GetProperty("id").GetGuid());
        Assert.Equal(0, await RowsAsync("2023-11"));
        var board = await Json(await office.GetAsync($"/api/v1/dispatch/status?parent=360124000000&template={Template}&period=2023-11"));
        Assert.Equal("Missing", board.EnumerateArray().Single(r => r.GetProperty("unit").GetProperty("code").GetString() == Minhe).GetProperty("status").GetString());

        // Periods outside the campaign (2023-05 … 2023-12) have no form: 400, and still nothing stored.
        foreach (var period in new[] { "9999-12", "0001-01", "2023-04", "2024-01" })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await minhe.GetAsync($"/api/v1/dispatch/forms?unit={Minhe}&template={Template}&period={period}")).StatusCode);
            Assert.Equal(0, await RowsAsync(period));
        }

        // Another township cannot write to it (it is none of its forms), and that writes nothing either.
        Assert.Equal(HttpStatusCode.NotFound, (await lidu.PutAsJsonAsync($"/api/v1/dispatch/forms/{id}", new { items = Array.Empty<object>(), version = 0 })).StatusCode);
        Assert.Equal(0, await RowsAsync("2023-11"));

        // The first save creates it under that id.
        var saved = await Json(await minhe.PutAsJsonAsync($"/api/v1/dispatch/forms/{id}", new { items = Array.Empty<object>(), version = 0 }));
        Assert.Equal(id, saved.GetProperty("id").GetGuid());
        Assert.Equal(1, await RowsAsync("2023-11"));

        // A submit of a form never saved creates it too.
        var december = await Json(await minhe.GetAsync($"/api/v1/dispatch/forms?unit={Minhe}&template={Template}&period=2023-12"));
        Assert.Equal(0, await RowsAsync("2023-12"));
        var submitted = await Json(await minhe.PostAsJsonAsync($"/api/v1/dispatch/forms/{december.GetProperty("id").GetGuid()}/submit", new { version = 0 }));
        Assert.Equal("Submitted", submitted.GetProperty("status").GetString());
        Assert.Equal(1, await RowsAsync("2023-12"));
    }
}
