using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HazardPortal.Core.Identity;
using HazardPortal.Core.Tenancy;
using HazardPortal.Tests;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.IntegrationTests;

/// <summary>
/// 003 附件3's checklist: 红河州安委办's tasks (seeded word for word) are owed by its counties and/or
/// departments by level; 蒙自市 marks one done with a note or a file; the issuer sees completion and what
/// is overdue by unit; nobody outside sees or marks them.
/// </summary>
public class CampaignTaskTests(CampaignTaskTests.App app) : IClassFixture<CampaignTaskTests.App>
{
    public sealed class App : PortalApp;

    private static readonly byte[] Pdf = "%PDF-1.4\n%demo\n"u8.ToArray();

    private static MultipartFormDataContent Form(string? note, byte[]? file = null, string doneOn = "2023-12-20")
    {
        var form = new MultipartFormDataContent { { new StringContent(doneOn), "doneOn" } };
        if (note is not null)
        {
            form.Add(new StringContent(note), "note");
        }

        if (file is not null)
        {
            form.Add(new ByteArrayContent(file), "file", "佐证材料.pdf");
        }

        return form;
    }

    [Fact]
    public async Task Counties_and_departments_report_their_tasks_and_the_prefecture_sees_who_is_behind()
    {
        using var mengzi = await app.ClientForAsync("hh.mengzi.office");
        var owed = (await mengzi.GetFromJsonAsync<JsonElement>("/api/v1/campaign-tasks")).EnumerateArray().Where(t => t.GetProperty("owed").GetBoolean()).ToList();

        // The counties owe every task but the departments' own: 4 + 6 + 9 + 4 + 1 of the 29, in the seed's words.
        Assert.Equal(24, owed.Count);
        Assert.Contains(owed, t => t.GetProperty("text").GetString() == "各级安委会制定印发专项行动方案。" && t.GetProperty("level").GetString() == "党委政府层面"
            && t.GetProperty("phase").GetString() == "动员部署阶段（2023年5月20日前）" && t.GetProperty("dueOn").GetString() == "2023-05-20");
        Assert.DoesNotContain(owed, t => t.GetProperty("level").GetString()!.StartsWith("部门层面", StringComparison.Ordinal));
        Assert.Equal(6, owed.Count(t => t.GetProperty("doneOn").ValueKind != JsonValueKind.Null));
        var task = owed.First(t => t.GetProperty("phase").GetString()!.StartsWith("精准执法", StringComparison.Ordinal));
        var id = task.GetProperty("id").GetGuid();
        Assert.True(task.GetProperty("overdue").GetBoolean());

        // Nothing to show → 400; a fake file → 400; neither writes.
        Assert.Equal(HttpStatusCode.BadRequest, (await mengzi.PostAsync($"/api/v1/campaign-tasks/{id}/done", Form(null))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await mengzi.PostAsync($"/api/v1/campaign-tasks/{id}/done", Form("说明", "MZ\u0090"u8.ToArray()))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await mengzi.PostAsync($"/api/v1/campaign-tasks/{id}/done", Form("说明", doneOn: "2099-01-01"))).StatusCode);
        Assert.Equal(6, (await mengzi.GetFromJsonAsync<JsonElement>("/api/v1/campaign-tasks")).EnumerateArray().Count(t => t.GetProperty("doneOn").ValueKind != JsonValueKind.Null));

        var done = await mengzi.PostAsync($"/api/v1/campaign-tasks/{id}/done", Form("市政府常务会议每月听取专项行动进展汇报", Pdf));
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var completion = (await done.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("completionId").GetGuid();

        // The issuer: 蒙自市 has 7 done, the other 17 of its tasks overdue (every due day has passed); 红河州应急管理局 its 2 mobilisation tasks.
        using var prefecture = await app.ClientForAsync("hh.office");
        var board = await prefecture.GetFromJsonAsync<JsonElement>("/api/v1/campaign-tasks/board");
        Assert.Equal(29, board.GetProperty("tasks").GetArrayLength());
        var row = board.GetProperty("units").EnumerateArray().Single(u => u.GetProperty("unit").GetString() == "532503000000");
        Assert.Equal(7, row.GetProperty("done").GetInt32());
        Assert.Equal(17, row.GetProperty("overdue").GetInt32());
        var cell = row.GetProperty("cells").EnumerateArray().Single(c => c.GetProperty("taskId").GetGuid() == id);
        Assert.Equal("2023-12-20", cell.GetProperty("doneOn").GetString());
        Assert.False(cell.GetProperty("late").GetBoolean());
        var gejiu = board.GetProperty("units").EnumerateArray().Single(u => u.GetProperty("unit").GetString() == "532501000000");
        Assert.Equal(0, gejiu.GetProperty("done").GetInt32());
        Assert.Equal(24, gejiu.GetProperty("overdue").GetInt32());
        var department = board.GetProperty("units").EnumerateArray().First(u => u.GetProperty("isDepartment").GetBoolean() && u.GetProperty("done").GetInt32() > 0);
        Assert.Equal(2, department.GetProperty("done").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await prefecture.GetAsync($"/api/v1/task-completions/{completion}/file")).StatusCode);

        // Only the issuer sees the board; a county marks only what it owes; outsiders neither see nor mark.
        using (var town = await app.ClientForAsync("mz.town"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await town.GetAsync("/api/v1/campaign-tasks/board")).StatusCode);
        }

        Assert.Empty((await mengzi.GetFromJsonAsync<JsonElement>("/api/v1/campaign-tasks/board")).GetProperty("tasks").EnumerateArray());
        var departmentTask = (await prefecture.GetFromJsonAsync<JsonElement>("/api/v1/campaign-tasks")).EnumerateArray()
            .First(t => t.GetProperty("level").GetString() == "部门层面").GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await mengzi.PostAsync($"/api/v1/campaign-tasks/{departmentTask}/done", Form("不该由市里报"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await prefecture.PostAsync($"/api/v1/campaign-tasks/{id}/done", Form("布置单位不能代报"))).StatusCode);
        foreach (var user in new[] { "jx.office", "mz.town", "ck.office" })
        {
            using var outsider = await app.ClientForAsync(user);
            Assert.Empty((await outsider.GetFromJsonAsync<JsonElement>("/api/v1/campaign-tasks")).EnumerateArray());
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostAsync($"/api/v1/campaign-tasks/{id}/done", Form("越权"))).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/v1/task-completions/{completion}/file")).StatusCode);
        }

        // PostgreSQL alone hides 蒙自市's reports from 进贤县's scope.
        var ct = TestContext.Current.CancellationToken;
        var jinxian = AccessScope.ForUser(Guid.NewGuid(), "jx.office", [Roles.SafetyOffice], "000000000000.360000000000.360100000000.360124000000", null, null);
        await using (var system = app.SystemDb())
        {
            Assert.True(await system.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM task_completions WHERE unit_key = '532503000000'").SingleAsync(ct) >= 7);
        }

        await using var foreign = app.Db(jinxian);
        Assert.Equal(0, await foreign.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM task_completions").SingleAsync(ct));
    }
}
