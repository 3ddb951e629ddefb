using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HazardPortal.Tests;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.IntegrationTests;

/// <summary>
/// Saving a dispatch form with a malformed body (no items, a null item, an item without a key, a value beyond what a
/// form holds, a reason too long, more than 500 items) is answered 400 with the field and a Chinese message, and writes nothing — the
/// failover drill's first body (with "entries" for "items") reached a 500.
/// </summary>
public class FormSaveInputTests(FormSaveInputTests.App app) : IClassFixture<FormSaveInputTests.App>
{
    public sealed class App : PortalApp;

    [Theory]
    [InlineData("""{"version":0}""", "items")]
    [InlineData("""{"version":0,"entries":[]}""", "items")]
    [InlineData("""{"version":0,"items":[null]}""", "items[0]")]
    [InlineData("""{"version":0,"items":[{"value":1}]}""", "items[0].Key")]
    [InlineData("""{"version":0,"items":[{"key":"a1","value":1000000000000}]}""", "items[0].Value")]
    [InlineData("""{"version":0,"items":[{"key":"a1","value":-1}]}""", "items[0].Value")]
    [InlineData("""{"version":0,"items":[{"key":"a1","value":1,"overrideReason":"REASON"}]}""", "items[0].OverrideReason")]
    [InlineData("MANY", "items")]
    public async Task A_malformed_save_is_refused_with_its_field_and_writes_nothing(string body, string field)
    {
        using var minhe = await app.ClientForAsync("jx.minhe");
        var form = await minhe.GetFromJsonAsync<JsonElement>("/api/v1/dispatch/forms?unit=360124100000&template=JX-COUNTY-2023&period=2023-11", TestContext.Current.CancellationToken);
        var id = form.GetProperty("id").GetGuid();
        body = body == "MANY"
            ? JsonSerializer.Serialize(new { version = 0, items = Enumerable.Range(0, 501).Select(i => new { key = "a1", value = 1 }) })
            : body.Replace("REASON", new string('理', 501), StringComparison.Ordinal);
        var response = await minhe.PutAsync($"/api/v1/dispatch/forms/{id}", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), problem.ToString());
        Assert.Matches("[\u4e00-\u9fff]", messages[0].GetString()!);
        await using var db = app.SystemDb();
        Assert.False(await db.DispatchForms.AnyAsync(f => f.Id == id, TestContext.Current.CancellationToken)); // reads never write, a refused save neither
    }
}
