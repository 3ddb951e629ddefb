using HazardPortal.Core.Data;
using HazardPortal.Core.Dispatch;
using HazardPortal.Core.Hazards;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Core.Demo;

/// <summary>
/// The seeded issuance graph (SPEC §6): 进贤县安委办 → 进贤's townships and county departments
/// (JX-COUNTY-2023, 23rd); 红河州安委办 → its counties/cities and prefecture departments, and 蒙自市安委办 →
/// its townships (HH-PREF-2023, 25th); 葛城街道 → its villages and communities (GC-VILLAGE-2023, 30th).
/// </summary>
public static class DemoDispatch
{
    public static async Task SeedIssuesAsync(AppDbContext db, CancellationToken ct = default)
    {
        async Task Issue(string template, string code, string issuerName, Recipients recipients, int cutoff)
        {
            var unit = await db.Units.SingleAsync(u => u.JurisdictionCode == code && u.Name == issuerName, ct);
            db.DispatchIssues.Add(new DispatchIssue
            {
                TemplateCode = template, IssuerUnitId = unit.Id, IssuerJurisdictionCode = code, Path = unit.Path, Recipients = recipients, CutoffDays = [cutoff],
            });
        }

        await Issue(SeededTemplates.JinxianCounty, "360124000000", "进贤县安委办", Recipients.ChildJurisdictions | Recipients.Departments, 23);
        await Issue(SeededTemplates.HonghePrefecture, "532500000000", "红河州安委办", Recipients.ChildJurisdictions | Recipients.Departments, 25);
        await Issue(SeededTemplates.HonghePrefecture, "532503000000", "蒙自市安委办", Recipients.ChildJurisdictions, 25);
        await Issue(SeededTemplates.GechengVillage, "500229001000", "葛城街道办事处", Recipients.ChildJurisdictions, 30);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>红河州安委办 issues 003 附件2 (HH-SECTOR-2023) to its counties and prefecture departments, due on the 5th, 15th and 25th.</summary>
    public static async Task SeedSectorIssueAsync(AppDbContext db, CancellationToken ct = default)
    {
        var unit = await db.Units.SingleAsync(u => u.JurisdictionCode == "532500000000" && u.Name == "红河州安委办", ct);
        db.DispatchIssues.Add(new DispatchIssue
        {
            TemplateCode = SectorMatrix.TemplateCode, IssuerUnitId = unit.Id, IssuerJurisdictionCode = "532500000000", Path = unit.Path,
            Recipients = Recipients.ChildJurisdictions | Recipients.Departments, CutoffDays = [5, 15, 25],
        });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// 红河州安委办's task checklist (003 附件3, data/campaign-tasks.csv) with 蒙自市's reports: the mobilisation
    /// tasks done on time, two self-inspection tasks done late, the rest of that phase overdue; 红河州应急管理局
    /// reported its mobilisation tasks.
    /// </summary>
    public static async Task SeedTasksAsync(AppDbContext db, CancellationToken ct = default)
    {
        var issuer = await db.Units.SingleAsync(u => u.JurisdictionCode == "532500000000" && u.Name == "红河州安委办", ct);
        var position = 0;
        var tasks = ReferenceData.ReferenceDataImporter.CampaignTasks().Select(r => new Records.CampaignTask
        {
            CampaignCode = r.Campaign, IssuerUnitId = issuer.Id, IssuerJurisdictionCode = r.IssuerCode, IssuerPath = issuer.Path, Phase = r.Phase, Level = r.Level,
            No = r.No, Text = r.Text, DueOn = r.DueOn, Position = ++position,
            Recipients = r.Recipients.Split(';').Aggregate(Recipients.None, (all, x) => all | Enum.Parse<Recipients>(x)),
        }).ToList();
        db.CampaignTasks.AddRange(tasks);
        await db.SaveChangesAsync(ct);

        var mengzi = await db.Units.SingleAsync(u => u.JurisdictionCode == "532503000000" && u.Name == "蒙自市安委办", ct);
        var mengziPath = await db.Jurisdictions.Where(j => j.Code == "532503000000").Select(j => j.Path).SingleAsync(ct);
        var yjj = await db.Units.Where(u => u.JurisdictionCode == "532500000000" && u.Kind == UnitKind.Department && u.Name.Contains("应急管理局")).FirstOrDefaultAsync(ct);
        void Done(Records.CampaignTask t, string key, string name, LTree path, DateOnly on, string note) =>
            db.TaskCompletions.Add(new Records.TaskCompletion
            {
                TaskId = t.Id, UnitKey = key, UnitName = name, Path = path, DoneOn = on, Note = note, Late = on > t.DueOn, RecordedBy = name,
                RecordedAt = ChinaTime.At(on, new TimeOnly(17, 30)),
            });
        foreach (var t in tasks.Where(t => t.Phase.StartsWith("动员部署", StringComparison.Ordinal) && t.Recipients.HasFlag(Recipients.ChildJurisdictions)))
        {
            Done(t, "532503000000", "蒙自市安委办", mengziPath, new DateOnly(2023, 5, 12 + t.No), "已按要求完成，相关文件已存档备查");
        }

        foreach (var t in tasks.Where(t => t.Phase.StartsWith("自查自改", StringComparison.Ordinal) && t.Level.StartsWith("党委政府和", StringComparison.Ordinal) && t.No <= 2))
        {
            Done(t, "532503000000", "蒙自市安委办", mengziPath, new DateOnly(2023, 7, 5 + t.No), "已完成，较时限滞后");
        }

        if (yjj is not null)
        {
            foreach (var t in tasks.Where(t => t.Phase.StartsWith("动员部署", StringComparison.Ordinal) && t.Recipients.HasFlag(Recipients.Departments)))
            {
                Done(t, Dispatch.DispatchForm.DepartmentKey(yjj.Id), yjj.Name, yjj.Path, new DateOnly(2023, 5, 18), "已制定印发本部门专项行动方案");
            }
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The deliverables each document asks of its units (data/campaign-deliverables.csv: 进贤县's from 001, 红河州's from
    /// 003), issued by that jurisdiction's 安委办, with 民和镇's plan uploaded on time. The phases are reference data
    /// (data/campaign-phases.csv), imported at every start.
    /// </summary>
    public static async Task SeedCampaignPlanAsync(AppDbContext db, CancellationToken ct = default)
    {
        var offices = await db.Units.Where(u => u.Kind == UnitKind.SafetyOffice).ToListAsync(ct);
        var first = Guid.Empty;
        var honghePlan = Guid.Empty;
        foreach (var row in ReferenceData.ReferenceDataImporter.CampaignDeliverables())
        {
            var office = offices.Single(u => u.JurisdictionCode == row.IssuerCode);
            var d = new Records.Deliverable
            {
                CampaignCode = row.Campaign, IssuerUnitId = office.Id, IssuerJurisdictionCode = row.IssuerCode, IssuerPath = office.Path, Name = row.Name, DueOn = row.DueOn,
                Recipients = Recipients.ChildJurisdictions | Recipients.Departments,
            };
            db.Deliverables.Add(d);
            first = first == Guid.Empty && row.IssuerCode == "360124000000" ? d.Id : first;
            honghePlan = honghePlan == Guid.Empty && row.IssuerCode == "532500000000" ? d.Id : honghePlan;
        }

        // 蒙自市 sent 红河州 its plan on time; the other counties owe it.
        var mengzi = await db.Jurisdictions.AsNoTracking().SingleAsync(j => j.Code == "532503000000", ct);
        var mengziPdf = "%PDF-1.4\n% 蒙自市专项行动方案（演示）\n"u8.ToArray();
        db.DeliverableUploads.Add(new Records.DeliverableUpload
        {
            DeliverableId = honghePlan, UnitKey = mengzi.Code, UnitName = "蒙自市安委办", Path = mengzi.Path, FileName = "蒙自市重大事故隐患专项排查整治2023行动方案.pdf",
            ContentType = "application/pdf", Content = mengziPdf, Size = mengziPdf.Length, Note = "5月18日市政府常务会议专题部署",
            UploadedAt = ChinaTime.At(new DateOnly(2023, 5, 19), new TimeOnly(16, 10)), UploadedBy = "蒙自市安委办 李俊",
        });

        var minhe = await db.Jurisdictions.AsNoTracking().SingleAsync(j => j.Code == "360124100000", ct);
        var pdf = "%PDF-1.4\n% 民和镇实施方案（演示）\n"u8.ToArray();
        db.DeliverableUploads.Add(new Records.DeliverableUpload
        {
            DeliverableId = first, UnitKey = minhe.Code, UnitName = "民和镇人民政府", Path = minhe.Path, FileName = "民和镇重大事故隐患专项排查整治实施方案.pdf",
            ContentType = "application/pdf", Content = pdf, Size = pdf.Length, Note = "已于5月10日召开动员部署会",
            UploadedAt = ChinaTime.At(new DateOnly(2023, 5, 12), new TimeOnly(9, 30)), UploadedBy = "民和镇 张伟",
        });
        await db.SaveChangesAsync(ct);
    }

    private enum Outcome
    {
        Accepted,
        Returned,
        Pending,
    }

    /// <summary>
    /// May–July 2023 forms for the demo chains, computed from the demo records as of each cutoff:
    /// most accepted, one returned with a reason, one late, some still waiting, the rest missing.
    /// </summary>
    public static async Task SeedFormsAsync(AppDbContext db, CancellationToken ct = default)
    {
        var calendarDays = await db.CalendarDays.AsNoTracking().ToListAsync(ct);
        var calendar = new ReportingCalendar.Calendar(
            calendarDays.Where(d => d.Kind == CalendarDayKind.Holiday).Select(d => d.Date).ToHashSet(),
            calendarDays.Where(d => d.Kind == CalendarDayKind.Workday).Select(d => d.Date).ToHashSet());
        var templates = await db.DispatchTemplates.AsNoTracking().ToDictionaryAsync(t => t.Code, ct);
        var campaign = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Code == Records.Campaign.Default, ct);
        var yjj = await db.Units.AsNoTracking().SingleAsync(u => u.JurisdictionCode == "360124000000" && u.Name == "进贤县应急管理局", ct);
        var plan = new (string Unit, string Template, string Period, Outcome Outcome, int SubmitDayOffset, string? Reason)[]
        {
            ("360124100000", SeededTemplates.JinxianCounty, "2023-05", Outcome.Accepted, -1, null),
            ("360124100000", SeededTemplates.JinxianCounty, "2023-06", Outcome.Accepted, 1, null), // after 6/25: late
            ("360124100000", SeededTemplates.JinxianCounty, "2023-07", Outcome.Returned, -2, "企业自查隐患数与镇排查台账不一致，请核实后重报"),
            ("360124101000", SeededTemplates.JinxianCounty, "2023-05", Outcome.Accepted, -2, null),
            ("360124101000", SeededTemplates.JinxianCounty, "2023-07", Outcome.Pending, 0, null),
            (DispatchForm.DepartmentKey(yjj.Id), SeededTemplates.JinxianCounty, "2023-05", Outcome.Accepted, -1, null),
            (DispatchForm.DepartmentKey(yjj.Id), SeededTemplates.JinxianCounty, "2023-06", Outcome.Accepted, -1, null),
            ("532503001000", SeededTemplates.HonghePrefecture, "2023-05", Outcome.Accepted, -3, null),
            ("532503001000", SeededTemplates.HonghePrefecture, "2023-06", Outcome.Accepted, -1, null),
            ("532503001000", SeededTemplates.HonghePrefecture, "2023-07", Outcome.Pending, -1, null),
            ("532503000000", SeededTemplates.HonghePrefecture, "2023-06", Outcome.Accepted, 0, null),
            ("500229001001", SeededTemplates.GechengVillage, "2023-06", Outcome.Accepted, -2, null),
            ("500229001001", SeededTemplates.GechengVillage, "2023-07", Outcome.Accepted, -1, null),
        };

        foreach (var (unit, code, period, outcome, offset, reason) in plan)
        {
            var template = templates[code];
            var isDept = unit.StartsWith("dept:", StringComparison.Ordinal);
            var node = isDept
                ? await db.Jurisdictions.AsNoTracking().SingleAsync(j => j.Code == yjj.JurisdictionCode, ct)
                : await db.Jurisdictions.AsNoTracking().SingleAsync(j => j.Code == unit, ct);
            var cutoff = template.CutoffDay;
            var days = ReportingCalendar.For(period, cutoff, template.Window, template.HolidayShift, campaign.StartsOn, calendar);
            var subject = isDept ? MetricSubject.Department(node.Path.ToString(), yjj.Id) : MetricSubject.Subtree(node.Path.ToString());
            var computed = await MetricComputer.ComputeAsync(db, subject, days.Start, days.AsOf, ct: ct);
            var submittedOn = days.DueOn.AddDays(offset);
            var at = ChinaTime.At(submittedOn, new TimeOnly(16, 30));
            var form = new DispatchForm
            {
                TemplateCode = code, UnitKey = unit, UnitName = isDept ? yjj.Name : node.Name, JurisdictionCode = node.Code, DepartmentId = isDept ? yjj.Id : null,
                Path = node.Path, Period = period, CutoffDay = cutoff, WindowStart = days.Start, AsOf = days.AsOf, DueOn = days.DueOn, CreatedAt = at.AddHours(-2),
            };
            // 李渡镇 reported May's self-found hazards from its own spreadsheet, five above the ledger: the drift flag finds it.
            var overrides = unit == "360124101000" && period == "2023-05"
                ? new Dictionary<string, (decimal Value, string Reason)> { ["hazards.self.found"] = (computed.GetValueOrDefault("hazards.self.found") + 5, "含村级自查台账中尚未录入系统的隐患") }
                : [];
            form.Entries = overrides.Select(o => new FormEntry { Key = o.Key, Value = o.Value.Value, OverrideReason = o.Value.Reason }).ToList();
            db.DispatchForms.Add(form);

            // Through the form's own transitions, as a filler and an issuer would: submitted, then accepted or returned.
            var cells = template.Cells().Select(c => c.Cell.Key).Distinct()
                .Select(k => overrides.TryGetValue(k, out var o)
                    ? new SnapshotCell { Key = k, Computed = computed.GetValueOrDefault(k), Value = o.Value, OverrideReason = o.Reason }
                    : new SnapshotCell { Key = k, Computed = computed.GetValueOrDefault(k), Value = computed.GetValueOrDefault(k) }).ToList();
            var submission = form.Submit(cells, new Dictionary<string, string>(), at, "演示填报人", days.IsLate(submittedOn)).Value!;
            if (outcome != Outcome.Pending && form.Review(submission, outcome == Outcome.Accepted, reason, at.AddDays(1), "演示审核人") is { } refused)
            {
                throw new InvalidOperationException($"demo form {unit} {period}: {string.Join("；", refused.Messages)}");
            }

            db.FormSubmissions.Add(submission);
        }

        await db.SaveChangesAsync(ct);
    }
}
