using System.Text.Json;
using HazardPortal.Core.Hazards;

namespace HazardPortal.Tests;

/// <summary>What the API tests share: a day relative to today (China time) and a response read as JSON after checking it succeeded.</summary>
public static class TestApi
{
    public static string Days(int n) => ChinaTime.Today(TimeProvider.System).AddDays(n).ToString("yyyy-MM-dd");

    public static async Task<JsonElement> Json(HttpResponseMessage r)
    {
        var body = await r.Content.ReadAsStringAsync();
        Assert.True(r.IsSuccessStatusCode, $"{(int)r.StatusCode} {r.RequestMessage?.RequestUri}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
