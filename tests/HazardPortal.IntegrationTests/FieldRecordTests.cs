using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HazardPortal.Core.Hazards;
using HazardPortal.Core.Identity;
using HazardPortal.Core.Tenancy;
using HazardPortal.Tests;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.IntegrationTests;

/// <summary>Each field record through the API by the right role, refused to the wrong one (SPEC §5, issue #4).</summary>
public class FieldRecordTests(FieldRecordTests.App app) : IClassFixture<FieldRecordTests.App>
{
    public sealed class App : PortalApp;

    private static string Days(int n) => ChinaTime.Today(TimeProvider.System).AddDays(n).ToString("yyyy-MM-dd");

    private static async Task<JsonElement> Json(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    private async Task<Guid> EnterpriseOfAsync(string user)
    {
        using var client = await app.ClientForAsync(user);
        return (await client.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("enterpriseId").GetGuid();
    }

    private static object SpotCheck(Guid enterpriseId, params string[] deficiencies) => new
    {
        kind = "SpotCheck", date = Days(-1), enterpriseId, inspectors = new[] { "jx.yjj", "jx.yjj2" }, deficiencies, hazardIds = Array.Empty<Guid>(), notes = "抽查企业自查自改情况",
    };

    [Fact]
    public async Task A_spot_check_is_signed_by_both_inspectors_then_frozen_and_corrected_only_by_an_amendment()
    {
        var firm = await EnterpriseOfAsync("jx.ent.minhe1");
        using var yjj = await app.ClientForAsync("jx.yjj");
        using var yjj2 = await app.ClientForAsync("jx.yjj2");
        var created = await yjj.PostAsJsonAsync("/api/v1/inspections", SpotCheck(firm, "no_drill", "outsourcing_chaos"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var inspection = await Json(created);
        var id = inspection.GetProperty("id").GetGuid();
        Assert.False(inspection.GetProperty("frozen").GetBoolean());
        Assert.Equal(2, inspection.GetProperty("deficiencies").GetArrayLength());

        // jx.zjj is not listed: it may not sign for them.
        using var zjj = await app.ClientForAsync("jx.zjj");
        Assert.Equal(HttpStatusCode.Forbidden, (await zjj.PostAsync($"/api/v1/inspections/{id}/sign", null)).StatusCode);

        var first = await Json(await yjj.PostAsync($"/api/v1/inspections/{id}/sign", null));
        Assert.False(first.GetProperty("frozen").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, (await yjj.PostAsync($"/api/v1/inspections/{id}/sign", null)).StatusCode);

        // Once someone has signed, the content is what they signed.
        Assert.Equal(HttpStatusCode.Conflict, (await yjj.PutAsJsonAsync($"/api/v1/inspections/{id}", SpotCheck(firm, "no_drill"))).StatusCode);

        var second = await Json(await yjj2.PostAsync($"/api/v1/inspections/{id}/sign", null));
        Assert.True(second.GetProperty("frozen").GetBoolean());
        Assert.All(second.GetProperty("inspectors").EnumerateArray(), s => Assert.NotEqual(JsonValueKind.Null, s.GetProperty("signedAt").ValueKind));

        var noReason = await yjj.PostAsJsonAsync($"/api/v1/inspections/{id}/amend", SpotCheck(firm, "no_drill"));
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        var amendBody = new { kind = "SpotCheck", date = Days(-1), enterpriseId = firm, inspectors = new[] { "jx.yjj", "jx.yjj2" }, deficiencies = new[] { "no_drill" }, hazardIds = Array.Empty<Guid>(), notes = "更正", reason = "外包外租问题经复核不成立" };
        var amended = await yjj.PostAsJsonAsync($"/api/v1/inspections/{id}/amend", amendBody);
        Assert.Equal(HttpStatusCode.Created, amended.StatusCode);
        var amendment = await Json(amended);
        Assert.Equal(id, amendment.GetProperty("amendsId").GetGuid());
        Assert.False(amendment.GetProperty("frozen").GetBoolean());

        var original = await yjj.GetFromJsonAsync<JsonElement>($"/api/v1/inspections/{id}");
        Assert.Equal(2, original.GetProperty("deficiencies").GetArrayLength());
        Assert.True(original.GetProperty("frozen").GetBoolean());
        Assert.Equal(amendment.GetProperty("id").GetGuid(), original.GetProperty("supersededById").GetGuid());
        Assert.Equal(HttpStatusCode.Conflict, (await yjj.PostAsJsonAsync($"/api/v1/inspections/{id}/amend", amendBody)).StatusCode);

        // The enterprise sees inspections of itself; its 李渡 neighbour does not.
        using var officer = await app.ClientForAsync("jx.ent.minhe1");
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync($"/api/v1/inspections/{id}")).StatusCode);
        using var lidu = await app.ClientForAsync("jx.ent.lidu1");
        Assert.Equal(HttpStatusCode.NotFound, (await lidu.GetAsync($"/api/v1/inspections/{id}")).StatusCode);

        // The audit log has the record and both signatures.
        await using var db = app.AuditDb();
        var actions = await db.AuditEntries.Where(a => a.EntityId == id.ToString()).Select(a => a.Actor).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Contains("jx.yjj", actions);
        Assert.Contains("jx.yjj2", actions);
    }

    [Fact]
    public async Task Two_inspectors_signing_at_the_same_moment_both_count()
    {
        var firm = await EnterpriseOfAsync("jx.ent.minhe2");
        using var yjj = await app.ClientForAsync("jx.yjj");
        using var yjj2 = await app.ClientForAsync("jx.yjj2");
        var id = (await Json(await yjj.PostAsJsonAsync("/api/v1/inspections", SpotCheck(firm)))).GetProperty("id").GetGuid();
        var results = await Task.WhenAll(yjj.PostAsync($"/api/v1/inspections/{id}/sign", null), yjj2.PostAsync($"/api/v1/inspections/{id}/sign", null));
        Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var after = await yjj.GetFromJsonAsync<JsonElement>($"/api/v1/inspections/{id}");
        Assert.True(after.GetProperty("frozen").GetBoolean());
    }

    [Fact]
    public async Task Roles_decide_who_records_what()
    {
        var firm = await EnterpriseOfAsync("jx.ent.minhe1");
        using var officer = await app.ClientForAsync("jx.ent.minhe1");
        using var head = await app.ClientForAsync("jx.ent.minhe1.head");
        using var yjj = await app.ClientForAsync("jx.yjj");
        using var office = await app.ClientForAsync("jx.office");

        // An enterprise cannot record a spot check or a penalty.
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync("/api/v1/inspections", SpotCheck(firm))).StatusCode);
        var penalty = new { kind = "Penalty", date = Days(-1), enterpriseId = firm, documentNumber = "进应急罚〔2023〕12号", amountWan = 2.5m };
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync("/api/v1/enforcement-actions", penalty)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await office.PostAsJsonAsync("/api/v1/enforcement-actions", penalty)).StatusCode);
        var created = await yjj.PostAsJsonAsync("/api/v1/enforcement-actions", penalty);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(2.5m, (await Json(created)).GetProperty("amountWan").GetDecimal());

        // Negative amounts, missing persons and a misplaced 危险作业罪 flag are refused and write nothing.
        await using (var db = app.SystemDb())
        {
            var before = await db.EnforcementActions.CountAsync(TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.BadRequest, (await yjj.PostAsJsonAsync("/api/v1/enforcement-actions", penalty with { amountWan = -1m })).StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, (await yjj.PostAsJsonAsync("/api/v1/enforcement-actions", new { kind = "JudicialReferral", date = Days(-1), enterpriseId = firm, documentNumber = "移〔2023〕1号" })).StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, (await yjj.PostAsJsonAsync("/api/v1/enforcement-actions", new { kind = "Penalty", date = Days(-1), enterpriseId = firm, documentNumber = "罚1", amountWan = 1m, dangerousOperationCrime = true })).StatusCode);
            Assert.Equal(before, await db.EnforcementActions.CountAsync(TestContext.Current.CancellationToken));
        }

        var rewardNegative = await office.PostAsJsonAsync("/api/v1/rewards", new { jurisdictionCode = "360124000000", date = Days(-1), amountWan = -0.1m, anonymous = true });
        Assert.Equal(HttpStatusCode.BadRequest, rewardNegative.StatusCode);

        // The 安委办 records its own measures: a region interview belongs to its node.
        var interview = await office.PostAsJsonAsync("/api/v1/enforcement-actions", new { kind = "RegionInterview", date = Days(-1), targetJurisdictionCode = "360124100000" });
        Assert.Equal(HttpStatusCode.Created, interview.StatusCode);

        // Head-led inspections: the head records them, the officer cannot.
        var headLed = new { kind = "HeadLed", date = Days(-1), enterpriseId = firm, inspectors = new[] { "jx.ent.minhe1.head", "jx.ent.minhe1" }, notes = "总经理带队检查冲压车间" };
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync("/api/v1/inspections", headLed)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await head.PostAsJsonAsync("/api/v1/inspections", headLed)).StatusCode);

        // Leadership activities and facts: 安委办 or township, not a department.
        var activity = new { jurisdictionCode = "360124000000", kind = "StudySession", date = Days(-2), description = "县委常委会专题学习安全生产十五条硬措施" };
        Assert.Equal(HttpStatusCode.Forbidden, (await yjj.PostAsJsonAsync("/api/v1/leadership-activities", activity)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await office.PostAsJsonAsync("/api/v1/leadership-activities", activity)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await office.PostAsJsonAsync("/api/v1/leadership-activities", activity with { jurisdictionCode = "532500000000" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await office.PutAsJsonAsync("/api/v1/jurisdictions/360124000000/facts", new { asOf = Days(-3), mediaColumn = true, technicalInspectors = 12 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await office.PutAsJsonAsync("/api/v1/jurisdictions/360124000000/facts", new { asOf = Days(-3), mediaColumn = true, technicalInspectors = 14 })).StatusCode);
        var facts = await office.GetFromJsonAsync<JsonElement>("/api/v1/jurisdictions/360124000000/facts");
        Assert.Equal(14, facts.EnumerateArray().Single(f => f.GetProperty("asOf").GetString() == Days(-3)).GetProperty("technicalInspectors").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, (await office.PutAsJsonAsync("/api/v1/jurisdictions/360124000000/facts", new { asOf = Days(-3), mediaColumn = true, technicalInspectors = -1 })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await office.PostAsJsonAsync("/api/v1/rewards", new { jurisdictionCode = "360124000000", date = Days(-1), amountWan = 0.2m, anonymous = true })).StatusCode);

        // Drills are the enterprise's own; a department cannot record them.
        var drill = new { date = Days(-5), scenario = "冲压车间机械伤害事故应急演练", participants = 35 };
        Assert.Equal(HttpStatusCode.Forbidden, (await yjj.PostAsJsonAsync("/api/v1/drills", drill)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await officer.PostAsJsonAsync("/api/v1/drills", drill)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.PostAsJsonAsync("/api/v1/drills", drill with { participants = 0 })).StatusCode);

        // Risks: the enterprise for itself, the four lists updated with the version read.
        var risk = await officer.PostAsJsonAsync("/api/v1/risks", new { enterpriseId = firm, name = "冲压设备机械伤害风险", basicList = true, controlList = true });
        Assert.Equal(HttpStatusCode.Created, risk.StatusCode);
        var riskDto = await Json(risk);
        Assert.False(riskDto.GetProperty("controlled").GetBoolean());
        var updated = await officer.PutAsJsonAsync($"/api/v1/risks/{riskDto.GetProperty("id").GetGuid()}", new { basicList = true, controlList = true, responsibilityList = true, emergencyList = true, version = riskDto.GetProperty("version").GetUInt32() });
        Assert.True((await Json(updated)).GetProperty("controlled").GetBoolean());
        var stale = await officer.PutAsJsonAsync($"/api/v1/risks/{riskDto.GetProperty("id").GetGuid()}", new { basicList = false, version = riskDto.GetProperty("version").GetUInt32() });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        // Every list exports.
        foreach (var path in new[] { "inspections", "enforcement-actions", "leadership-activities", "rewards", "drills", "risks", "duties", "commitments/status" })
        {
            var file = await office.GetAsync($"/api/v1/{path}/export.xlsx");
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
            Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", file.Content.Headers.ContentType!.MediaType);
        }
    }

    [Fact]
    public async Task Acting_on_an_exempt_hazard_warns_that_the_law_exempts_it()
    {
        var firm = await EnterpriseOfAsync("jx.ent.minhe2");
        using var officer = await app.ClientForAsync("jx.ent.minhe2");
        var hazard = await Json(await officer.PostAsJsonAsync("/api/v1/hazards", new
        {
            enterpriseId = firm, title = "储罐区可燃气体报警器失效", grade = "Major", foundOn = Days(-3),
            plan = new { responsiblePerson = "赵敏", measures = "更换报警器", funds = 8000, deadline = Days(20), emergencyPlan = "专人巡检" },
        }));
        var id = hazard.GetProperty("id").GetGuid();
        var reported = await Json(await officer.PostAsJsonAsync($"/api/v1/hazards/{id}/report", new { reportedOn = Days(-2), version = hazard.GetProperty("version").GetUInt32() }));
        Assert.True(reported.GetProperty("exempt").GetBoolean());

        using var yjj = await app.ClientForAsync("jx.yjj");
        var penalty = await Json(await yjj.PostAsJsonAsync("/api/v1/enforcement-actions", new { kind = "Penalty", date = Days(-1), enterpriseId = firm, documentNumber = "进应急罚〔2023〕30号", amountWan = 1m, hazardId = id }));
        Assert.Contains("依法不予处罚", penalty.GetProperty("warnings").EnumerateArray().Single().GetString());
        var exposure = await Json(await yjj.PostAsJsonAsync("/api/v1/enforcement-actions", new { kind = "Interview", date = Days(-1), enterpriseId = firm, hazardId = id }));
        Assert.Equal(0, exposure.GetProperty("warnings").GetArrayLength());

        // A hazard of another enterprise cannot be linked.
        var other = await EnterpriseOfAsync("jx.ent.minhe1");
        Assert.Equal(HttpStatusCode.BadRequest, (await yjj.PostAsJsonAsync("/api/v1/enforcement-actions", new { kind = "Interview", date = Days(-1), enterpriseId = other, hazardId = id })).StatusCode);
    }

    [Fact]
    public async Task A_commitment_receipt_is_prepared_by_the_enterprise_and_signed_only_by_its_head()
    {
        using var officer = await app.ClientForAsync("jx.ent.minhe1");
        using var head = await app.ClientForAsync("jx.ent.minhe1.head");
        var prepared = await officer.PostAsJsonAsync("/api/v1/commitments", new { });
        Assert.Equal(HttpStatusCode.Created, prepared.StatusCode);
        var receipt = await Json(prepared);
        var id = receipt.GetProperty("id").GetGuid();
        Assert.Equal("进贤县应急管理局", receipt.GetProperty("departmentName").GetString());
        Assert.Contains("进贤县应急管理局发来的《致企业主要负责人安全生产的一封信》", receipt.GetProperty("text").GetString());

        // Preparing again returns the same receipt.
        Assert.Equal(id, (await Json(await officer.PostAsJsonAsync("/api/v1/commitments", new { }))).GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsync($"/api/v1/commitments/{id}/sign", null)).StatusCode);
        using var yjj = await app.ClientForAsync("jx.yjj");
        Assert.Equal(HttpStatusCode.Forbidden, (await yjj.PostAsJsonAsync("/api/v1/commitments", new { })).StatusCode);

        var signed = await Json(await head.PostAsync($"/api/v1/commitments/{id}/sign", null));
        Assert.True(signed.GetProperty("isSigned").GetBoolean());
        Assert.Equal("鑫达机械 总经理 吴刚", signed.GetProperty("signedBy").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await head.PostAsync($"/api/v1/commitments/{id}/sign", null)).StatusCode);

        // Lists of who has and has not returned it, for the county, the department and the township.
        using var office = await app.ClientForAsync("jx.office");
        var status = await office.GetFromJsonAsync<JsonElement>("/api/v1/commitments/status");
        var row = status.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("enterpriseId").GetGuid() == receipt.GetProperty("enterpriseId").GetGuid());
        Assert.StartsWith("Returned", row.GetProperty("state").GetString());
        Assert.Contains(status.GetProperty("rows").EnumerateArray(), r => r.GetProperty("state").GetString() == "Missing");
        Assert.Contains(status.GetProperty("byTownship").EnumerateArray(), g => g.GetProperty("name").GetString() == "民和镇" && g.GetProperty("returned").GetInt32() >= 1);
        var department = await yjj.GetFromJsonAsync<JsonElement>("/api/v1/commitments/status");
        Assert.Contains(department.GetProperty("rows").EnumerateArray(), r => r.GetProperty("enterpriseId").GetGuid() == receipt.GetProperty("enterpriseId").GetGuid());
        using var minhe = await app.ClientForAsync("jx.minhe");
        var township = await minhe.GetFromJsonAsync<JsonElement>("/api/v1/commitments/status");
        Assert.All(township.GetProperty("rows").EnumerateArray(), r => Assert.StartsWith("3601241", r.GetProperty("jurisdictionCode").GetString()));
    }

    [Fact]
    public async Task Behind_lists_count_only_signed_head_led_inspections_and_drills()
    {
        using var office = await app.ClientForAsync("jx.office");
        var duties = await office.GetFromJsonAsync<JsonElement>("/api/v1/duties?jurisdiction=360124000000&asOf=2023-09-15&behind=true");
        Assert.NotEqual(0, duties.GetArrayLength());

        // Every enterprise listed has a missed period.
        Assert.All(duties.EnumerateArray(), d => Assert.True(d.GetProperty("headInspectionMissed").GetArrayLength() + d.GetProperty("drillMissed").GetArrayLength() > 0));
    }

    [Fact]
    public async Task A_hazard_registered_from_an_inspection_is_linked_to_it_in_the_same_request()
    {
        var firm = await EnterpriseOfAsync("jx.ent.minhe1");
        var other = await EnterpriseOfAsync("jx.ent.minhe2");
        using var yjj = await app.ClientForAsync("jx.yjj");
        var inspection = await Json(await yjj.PostAsJsonAsync("/api/v1/inspections", SpotCheck(firm, "no_drill")));
        var id = inspection.GetProperty("id").GetGuid();
        var plan = new { responsiblePerson = "车间主任 李强", measures = "加装防护罩", funds = 3000, deadline = Days(20), emergencyPlan = "停机挂牌" };

        // Another unit, or another subject: refused, and no hazard is written.
        await using (var before = app.SystemDb())
        {
            var count = await before.Hazards.CountAsync(TestContext.Current.CancellationToken);
            using var zjj = await app.ClientForAsync("jx.zjj");
            Assert.Equal(HttpStatusCode.Forbidden, (await zjj.PostAsJsonAsync("/api/v1/hazards", new { enterpriseId = firm, title = "砂轮机无防护罩", grade = "Major", foundOn = Days(-1), plan, inspectionId = id })).StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, (await yjj.PostAsJsonAsync("/api/v1/hazards", new { enterpriseId = other, title = "砂轮机无防护罩", grade = "Major", foundOn = Days(-1), plan, inspectionId = id })).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await yjj.PostAsJsonAsync("/api/v1/hazards", new { enterpriseId = firm, title = "砂轮机无防护罩", grade = "Major", foundOn = Days(-1), plan, inspectionId = Guid.NewGuid() })).StatusCode);
            Assert.Equal(count, await before.Hazards.CountAsync(TestContext.Current.CancellationToken));
        }

        var hazard = await Json(await yjj.PostAsJsonAsync("/api/v1/hazards", new { enterpriseId = firm, title = "砂轮机无防护罩", grade = "Major", foundOn = Days(-1), plan, inspectionId = id }));
        var linked = await Json(await yjj.GetAsync($"/api/v1/inspections/{id}"));
        Assert.Contains(linked.GetProperty("hazards").EnumerateArray(), h => h.GetProperty("id").GetGuid() == hazard.GetProperty("id").GetGuid());
    }
}
