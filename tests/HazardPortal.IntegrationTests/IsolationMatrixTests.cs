using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HazardPortal.Tests;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.IntegrationTests;

/// <summary>
/// For every demo account: its own subtree's jurisdictions and enterprises answer; every sibling,
/// parent and other-province id answers 404 through the API, and lists hold only what is in scope.
/// </summary>
public class IsolationMatrixTests(IsolationMatrixTests.App app) : IClassFixture<IsolationMatrixTests.App>
{
    public sealed class App : PortalApp;

    public sealed record Case(string User, string[] OwnJurisdictions, string[] ForeignJurisdictions, string OwnEnterpriseUnder, string[] ForeignEnterprisesUnder);

    private const string Jinxian = "360124000000";
    private const string Minhe = "360124100000";
    private const string Lidu = "360124101000";
    private const string Honghe = "532500000000";
    private const string Mengzi = "532503000000";
    private const string Wenlan = "532503001000";
    private const string Chengkou = "500229000000";
    private const string Gecheng = "500229001000";
    private const string Huaibei = "340600000000";

    public static TheoryData<string> Accounts() =>
        new(Cases.Keys);

    private static readonly Dictionary<string, Case> Cases = new[]
    {
        new Case("nat.office", ["000000000000", Jinxian, Wenlan, Huaibei], [], Gecheng, []),
        new Case("jx.office", [Jinxian, Minhe, Lidu], ["360100000000", "360000000000", Chengkou, Mengzi, "530000000000"], Minhe, [Wenlan, Gecheng, Huaibei]),
        new Case("jx.yjj", [Jinxian, Minhe], ["360100000000", Mengzi, Huaibei], Lidu, [Wenlan, Gecheng]),
        new Case("jx.yjj2", [Jinxian, Lidu], ["360100000000", Chengkou], Minhe, [Wenlan]),
        new Case("jx.zjj", [Jinxian, Minhe], ["360100000000", Gecheng], Lidu, [Huaibei]),
        new Case("jx.minhe", [Minhe], [Lidu, Jinxian, "360124102000", Wenlan, "530000000000"], Minhe, [Lidu, "360124102000", Wenlan]),
        new Case("jx.lidu", [Lidu], [Minhe, Jinxian, Gecheng], Lidu, [Minhe, Gecheng]),
        new Case("hh.office", [Honghe, Mengzi, Wenlan, "532501000000"], ["530000000000", Jinxian, Chengkou], Wenlan, [Minhe, Gecheng]),
        new Case("hh.mengzi.office", [Mengzi, Wenlan, "532503002000"], ["532501000000", Honghe, "530000000000", Jinxian], Wenlan, ["532501000000", Minhe]),
        new Case("mz.town", [Wenlan], ["532503002000", Mengzi, Honghe, Minhe], Wenlan, ["532503002000", Lidu]),
        new Case("ck.office", [Chengkou, Gecheng, "500229001001"], ["500200000000", "500000000000", Huaibei, Jinxian], Gecheng, [Minhe, Wenlan]),
        new Case("gc.cadre", [Gecheng, "500229001001", "500229001203"], ["500229002000", Chengkou, Minhe], Gecheng, ["500229002000", Lidu]),
        new Case("hb.office", [Huaibei, "340602000000", "340621000000"], ["340000000000", "360000000000", Jinxian], "340621000000", [Minhe, Wenlan]),
    }.ToDictionary(c => c.User);

    [Theory]
    [MemberData(nameof(Accounts))]
    public async Task An_account_reads_its_subtree_and_gets_404_for_everything_else(string user)
    {
        var c = Cases[user];
        using var client = await app.ClientForAsync(user);
        foreach (var code in c.OwnJurisdictions)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/jurisdictions/{code}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/jurisdictions/{code}/children")).StatusCode);
        }

        foreach (var code in c.ForeignJurisdictions)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/jurisdictions/{code}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/jurisdictions/{code}/children")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/enterprises?jurisdiction={code}")).StatusCode);
        }

        var own = await EnterpriseUnderAsync(c.OwnEnterpriseUnder);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/enterprises/{own}")).StatusCode);
        foreach (var code in c.ForeignEnterprisesUnder)
        {
            var foreign = await EnterpriseUnderAsync(code);
            var response = await client.GetAsync($"/api/v1/enterprises/{foreign}");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Contains("不在您的管辖范围内", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        }

        await AssertListOnlyInScopeAsync(client, c.OwnJurisdictions[0]);
    }

    [Fact]
    public async Task An_enterprise_user_sees_only_its_own_enterprise_not_its_neighbours()
    {
        using var client = await app.ClientForAsync("jx.ent.minhe1");
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me");
        var ownId = me.GetProperty("enterpriseId").GetGuid();
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/enterprises?pageSize=200");
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        Assert.Equal(ownId, list.GetProperty("items")[0].GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/enterprises/{ownId}")).StatusCode);

        await using var db = app.SystemDb();
        var neighbours = await db.Enterprises.Where(e => e.JurisdictionCode == Minhe && e.Id != ownId).Select(e => e.Id).Take(5).ToListAsync();
        Assert.NotEmpty(neighbours);
        foreach (var id in neighbours)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/enterprises/{id}")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/jurisdictions/{Minhe}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/jurisdictions/{Jinxian}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/jurisdictions/{Lidu}")).StatusCode);
    }

    [Theory]
    [InlineData("admin", true)]
    [InlineData("secadmin", true)]
    [InlineData("auditor", false)]
    public async Task Technical_accounts_see_master_data_only_as_far_as_their_duty_needs(string user, bool seesMasterData)
    {
        using var client = await app.ClientForAsync(user);
        var status = (await client.GetAsync($"/api/v1/jurisdictions/{Minhe}")).StatusCode;
        Assert.Equal(seesMasterData ? HttpStatusCode.OK : HttpStatusCode.NotFound, status);
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/enterprises?pageSize=1");
        Assert.Equal(seesMasterData, list.GetProperty("total").GetInt32() > 0);
    }

    [Fact]
    public async Task Without_a_token_the_api_answers_401()
    {
        using var client = app.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/enterprises")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"/api/v1/jurisdictions/{Minhe}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);
    }

    private async Task<Guid> EnterpriseUnderAsync(string code)
    {
        await using var db = app.SystemDb();
        var path = await db.Jurisdictions.Where(j => j.Code == code).Select(j => j.Path).SingleAsync();
        return await db.Enterprises.Where(e => e.Path.IsDescendantOf(path)).OrderBy(e => e.Name).Select(e => e.Id).FirstAsync();
    }

    private async Task AssertListOnlyInScopeAsync(HttpClient client, string scopeCode)
    {
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me");
        var home = me.GetProperty("jurisdiction").GetProperty("code").GetString()!;
        await using var db = app.SystemDb();
        var homePath = (await db.Jurisdictions.SingleAsync(j => j.Code == home)).Path;
        var expected = await db.Enterprises.CountAsync(e => e.Path.IsDescendantOf(homePath));
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/enterprises?pageSize=200");
        Assert.Equal(expected, list.GetProperty("total").GetInt32());
        var ids = list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
        var outside = await db.Enterprises.Where(e => ids.Contains(e.Id) && !e.Path.IsDescendantOf(homePath)).CountAsync();
        Assert.Equal(0, outside);
        Assert.NotEqual(string.Empty, scopeCode);
    }
}
