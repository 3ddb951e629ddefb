using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HazardPortal.Core.Hazards;
using HazardPortal.Tests;

namespace HazardPortal.IntegrationTests;

/// <summary>The ledger's "未整改" total (awaiting rectification, plus the caller's own drafts) counted two ways equals the rows.</summary>
public class LedgerCountTests(LedgerCountTests.App app) : IClassFixture<LedgerCountTests.App>
{
    public sealed class App : PortalApp;

    [Theory]
    [InlineData("jx.ent.minhe1")]
    [InlineData("jx.minhe")]
    [InlineData("jx.office")]
    public async Task The_open_total_is_the_awaiting_hazards_and_the_callers_drafts(string user)
    {
        using var client = await app.ClientForAsync(user);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me", TestContext.Current.CancellationToken);

        // A draft of the caller's own (a major hazard without its plan stays a draft).
        if (me.TryGetProperty("enterpriseId", out var e) && e.ValueKind == JsonValueKind.String)
        {
            var draft = await client.PostAsJsonAsync("/api/v1/hazards", new
            {
                enterpriseId = e.GetGuid(), title = "计数测试草稿", grade = "Major", foundOn = ChinaTime.Today(TimeProvider.System).AddDays(-1).ToString("yyyy-MM-dd"),
            }, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Created, draft.StatusCode);
        }

        var rows = new List<JsonElement>();
        int? total = null;
        string? cursor = null;
        do
        {
            var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/hazards?open=true&pageSize=200{(cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))}", TestContext.Current.CancellationToken);
            total ??= page.GetProperty("total").GetInt32();
            rows.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.TryGetProperty("nextCursor", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        }
        while (cursor is not null);

        Assert.True(total > 0);
        Assert.Equal(rows.Count, total);
        Assert.All(rows, r => Assert.Contains(r.GetProperty("status").GetString(), new[] { "Draft", "Registered", "Reported" }));
    }
}
