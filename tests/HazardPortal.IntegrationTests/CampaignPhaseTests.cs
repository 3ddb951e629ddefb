using System.Net.Http.Json;
using System.Text.Json;
using HazardPortal.Tests;

namespace HazardPortal.IntegrationTests;

/// <summary>
/// Issue #17 §4: the campaign's phases at every level, as each document writes them — 000's national phases (which
/// every level sees), 003 红河州's, 002 葛城街道's and 001 进贤县's — each with the document's own words for its time,
/// and each level's deliverables due on its own document's days (红河州's from 003, 进贤县's from 001).
/// </summary>
public class CampaignPhaseTests(CampaignPhaseTests.App app) : IClassFixture<CampaignPhaseTests.App>
{
    public sealed class App : PortalApp;

    private async Task<JsonElement> CampaignAsync(string account)
    {
        using var client = await app.ClientForAsync(account);
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/campaigns", TestContext.Current.CancellationToken);
        return list.EnumerateArray().Single(c => c.GetProperty("code").GetString() == "ZX2023");
    }

    private static List<(string Plan, string Name, string? Timing, string Starts, string Ends)> Phases(JsonElement campaign) =>
        campaign.GetProperty("phases").EnumerateArray().Select(p => (p.GetProperty("issuerName").GetString()!, p.GetProperty("name").GetString()!,
            p.GetProperty("timing").GetString(), p.GetProperty("startsOn").GetString()!, p.GetProperty("endsOn").GetString()!)).ToList();

    private static readonly (string, string, string?, string, string)[] National =
    [
        ("国务院安委会", "动员部署", "2023年5月上旬前", "2023-05-01", "2023-05-10"),
        ("国务院安委会", "企业自查自改和部门帮扶", "具体时间由各地区根据实际情况确定", "2023-05-11", "2023-11-30"),
        ("国务院安委会", "部门精准执法", "具体时间由各地区根据实际情况确定", "2023-05-11", "2023-11-30"),
        ("国务院安委会", "总结提高", "2023年12月", "2023-12-01", "2023-12-31"),
    ];

    [Fact]
    public async Task Every_level_sees_the_national_phases_and_its_own_documents()
    {
        // 葛城街道 (002): the national plan, then its own four phases with 002's dates.
        var gecheng = Phases(await CampaignAsync("gc.cadre"));
        Assert.Equal([.. National,
            ("葛城街道", "动员部署", "2023年5月20日前", "2023-05-01", "2023-05-20"),
            ("葛城街道", "集中排查", "2023年8月底前", "2023-05-21", "2023-08-31"),
            ("葛城街道", "重点整治", "2023年11月底前", "2023-09-01", "2023-11-30"),
            ("葛城街道", "建章立制", "2023年12月", "2023-12-01", "2023-12-31")], gecheng);

        // 文澜街道 in 蒙自市 under 红河州 (003).
        var wenlan = Phases(await CampaignAsync("mz.town"));
        Assert.Equal([.. National,
            ("红河哈尼族彝族自治州", "动员部署", "2023年5月20日前", "2023-05-01", "2023-05-20"),
            ("红河哈尼族彝族自治州", "自查自改和督导帮扶", "2023年5月中下旬至6月底", "2023-05-11", "2023-06-30"),
            ("红河哈尼族彝族自治州", "精准执法", "2023年6月至12月", "2023-06-01", "2023-12-31"),
            ("红河哈尼族彝族自治州", "总结提高", "2023年12月", "2023-12-01", "2023-12-31")], wenlan);

        // 民和镇 under 进贤县 (001), and a county with no plan of its own (淮北市) sees the national one only.
        var minhe = Phases(await CampaignAsync("jx.minhe"));
        Assert.Equal([.. National,
            ("进贤县", "动员部署", "2023年5月", "2023-05-01", "2023-05-31"),
            ("进贤县", "企业自查自改和部门帮扶", "2023年6月至7月", "2023-06-01", "2023-07-31"),
            ("进贤县", "部门精准执法", "2023年8月至11月", "2023-08-01", "2023-11-30"),
            ("进贤县", "总结提高", "2023年12月", "2023-12-01", "2023-12-31")], minhe);
        Assert.Equal(National, Phases(await CampaignAsync("hb.office")));

        // The work of a phase in the document's words.
        var work = (await CampaignAsync("gc.cadre")).GetProperty("phases").EnumerateArray().Select(p => p.GetProperty("work").GetString()).ToList();
        Assert.Contains("制定印发专项行动方案，细化明确安全生产重大事故隐患判定标准或重点检查事项等，召开专题会议动员部署。", work);
    }

    [Fact]
    public async Task Each_level_s_deliverables_fall_due_on_its_own_document_s_days()
    {
        static List<(string, string)> Deliverables(JsonElement c, string issuer) => c.GetProperty("deliverables").EnumerateArray()
            .Where(d => d.GetProperty("issuerName").GetString() == issuer).Select(d => (d.GetProperty("name").GetString()!, d.GetProperty("dueOn").GetString()!)).ToList();

        // 003: 5月20日 方案及动员部署情况, 6月25日 风险管控责任清单, 8月15日 阶段工作情况, 12月15日 工作总结 — asked of 蒙自市.
        Assert.Equal(
            [("专项行动方案及动员部署情况", "2023-05-20"), ("重大安全风险管控责任清单", "2023-06-25"), ("阶段工作情况", "2023-08-15"), ("工作总结", "2023-12-15")],
            Deliverables(await CampaignAsync("hh.mengzi.office"), "红河州安委办"));

        // 001: 5月下旬全面完成动员部署工作; 总结提高 in December — asked of 民和镇; none of 003's days.
        Assert.Equal([("实施方案和动员部署情况", "2023-05-31"), ("工作总结", "2023-12-31")], Deliverables(await CampaignAsync("jx.minhe"), "进贤县安委办"));
    }
}
