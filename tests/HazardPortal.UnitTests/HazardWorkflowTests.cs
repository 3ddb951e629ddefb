using HazardPortal.Core.Common;
using HazardPortal.Core.Hazards;
using HazardPortal.Core.Identity;

namespace HazardPortal.UnitTests;

public class HazardWorkflowTests
{
    private static readonly DateOnly Today = new(2023, 7, 20);
    private static readonly Guid Firm = Guid.NewGuid();
    private static readonly HazardActor Officer = new(Guid.NewGuid(), "周磊", Firm, "鑫达机械", [Roles.EnterpriseOfficer], Firm);
    private static readonly HazardActor Head = new(Guid.NewGuid(), "吴刚", Firm, "鑫达机械", [Roles.EnterpriseHead], Firm);
    private static readonly HazardActor Inspector = new(Guid.NewGuid(), "王建国", Guid.NewGuid(), "进贤县应急管理局", [Roles.DepartmentInspector], null);
    private static readonly HazardActor Cadre = new(Guid.NewGuid(), "张伟", Guid.NewGuid(), "民和镇人民政府", [Roles.TownshipCadre], null);
    private static readonly HazardActor Office = new(Guid.NewGuid(), "刘晓梅", Guid.NewGuid(), "进贤县安委办", [Roles.SafetyOffice], null);

    private static RectificationPlan FullPlan(DateOnly? deadline = null) => new()
    {
        ResponsiblePerson = "周磊", Measures = "更换防护罩", Funds = 5000m, Deadline = deadline ?? new DateOnly(2023, 8, 10), EmergencyPlan = "停机警戒",
    };

    private static HazardRegistration Registration(HazardActor by, HazardSource source, RectificationPlan? plan = null, bool immediate = false, DateOnly? found = null, HazardGrade grade = HazardGrade.Major) =>
        new(SubjectKind.Enterprise, Firm, null, "360124100000", "000000000000.360000000000.360100000000.360124000000.360124100000",
            "冲压机防护罩缺失", "无防护罩", "一车间", "INDTRADE", grade, source, "MAH-INDTRADE-2023", "第十条", found ?? new DateOnly(2023, 7, 1),
            null, immediate, immediate ? found ?? new DateOnly(2023, 7, 1) : null, immediate ? "当场加装防护罩" : null,
            plan ?? FullPlan(), false, false, null);

    private static Hazard Registered(HazardActor by, HazardSource source, RectificationPlan? plan = null) =>
        Hazard.Register(Registration(by, source, plan), by, Today).Value!;

    private static Hazard Reported()
    {
        var h = Registered(Officer, HazardSource.SelfInspection);
        Assert.Null(h.Report(new DateOnly(2023, 7, 2), false, Officer, Today));
        return h;
    }

    private static Hazard Rectified()
    {
        var h = Reported();
        Assert.Null(h.Rectify(new DateOnly(2023, 7, 10), "已加装", Officer, Today));
        return h;
    }

    [Fact]
    public void A_self_found_hazard_with_a_full_plan_is_registered_and_waits_to_be_reported()
    {
        var h = Registered(Officer, HazardSource.SelfInspection);
        Assert.Equal(HazardStatus.Registered, h.Status);
        Assert.Null(h.ReportedOn);
        Assert.Single(h.Events, e => e.Kind == HazardEventKind.Registered);
    }

    [Theory]
    [InlineData(null, "措施", 1.0, "应急")]
    [InlineData("周磊", null, 1.0, "应急")]
    [InlineData("周磊", "措施", null, "应急")]
    [InlineData("周磊", "措施", 1.0, null)]
    public void A_major_hazard_missing_any_of_the_five_stays_a_draft(string? person, string? measures, double? funds, string? emergency)
    {
        var plan = new RectificationPlan { ResponsiblePerson = person, Measures = measures, Funds = (decimal?)funds, Deadline = new DateOnly(2023, 8, 1), EmergencyPlan = emergency };
        var h = Registered(Officer, HazardSource.SelfInspection, plan);
        Assert.Equal(HazardStatus.Draft, h.Status);
        Assert.IsType<Error>(h.Report(Today, false, Officer, Today));
    }

    [Fact]
    public void A_major_hazard_without_a_deadline_stays_a_draft_but_a_general_one_registers()
    {
        var plan = FullPlan();
        plan.Deadline = null;
        Assert.Equal(HazardStatus.Draft, Registered(Officer, HazardSource.SelfInspection, plan).Status);
        var general = Hazard.Register(Registration(Officer, HazardSource.SelfInspection, new RectificationPlan(), grade: HazardGrade.General), Officer, Today).Value!;
        Assert.Equal(HazardStatus.Registered, general.Status);
    }

    [Fact]
    public void Completing_a_draft_registers_it()
    {
        var h = Registered(Officer, HazardSource.SelfInspection, new RectificationPlan());
        Assert.Null(h.Complete(FullPlan(), Officer, Today));
        Assert.Equal(HazardStatus.Registered, h.Status);
        Assert.Equal(ErrorKind.Conflict, h.Complete(FullPlan(), Officer, Today)!.Kind);
    }

    [Fact]
    public void Immediate_rectification_needs_evidence_and_still_needs_verification()
    {
        var bad = Registration(Officer, HazardSource.SelfInspection, new RectificationPlan(), immediate: true) with { RectificationDescription = null };
        Assert.Equal(ErrorKind.Invalid, Hazard.Register(bad, Officer, Today).Error!.Kind);

        var h = Hazard.Register(Registration(Officer, HazardSource.SelfInspection, new RectificationPlan(), immediate: true), Officer, Today).Value!;
        Assert.Equal(HazardStatus.Registered, h.Status);
        Assert.NotNull(h.RectifiedOn);
        Assert.Null(h.Report(new DateOnly(2023, 7, 1), false, Officer, Today));
        Assert.Equal(HazardStatus.Rectified, h.Status);
        Assert.Null(h.Verify(new DateOnly(2023, 7, 3), true, null, Inspector, Today));
        Assert.Equal(HazardStatus.Verified, h.Status);
    }

    [Theory]
    [InlineData(Roles.DepartmentInspector, HazardSource.DepartmentInspection)]
    [InlineData(Roles.TownshipCadre, HazardSource.TownshipInspection)]
    [InlineData(Roles.SafetyOffice, HazardSource.SupervisoryInspection)]
    public void A_hazard_registered_by_government_is_created_reported_on_its_found_day(string role, HazardSource source)
    {
        var actor = new HazardActor(Guid.NewGuid(), "x", Guid.NewGuid(), "单位", [role], null);
        var h = Registered(actor, source);
        Assert.Equal(HazardStatus.Reported, h.Status);
        Assert.Equal(h.FoundOn, h.ReportedOn);
        Assert.True(h.OtherFound);
    }

    [Fact]
    public void A_role_registers_only_under_its_own_source()
    {
        var r = Hazard.Register(Registration(Inspector, HazardSource.SelfInspection), Inspector, Today);
        Assert.Equal(ErrorKind.Invalid, r.Error!.Kind);
        var auditor = new HazardActor(Guid.NewGuid(), "审计", Guid.NewGuid(), "运维", [Roles.Auditor], null);
        Assert.Equal(ErrorKind.Forbidden, Hazard.Register(Registration(auditor, HazardSource.SelfInspection), auditor, Today).Error!.Kind);
    }

    [Fact]
    public void Dates_keep_their_order_found_reported_rectified_verified_today()
    {
        Assert.Equal(ErrorKind.Invalid, Hazard.Register(Registration(Officer, HazardSource.SelfInspection, found: Today.AddDays(1)), Officer, Today).Error!.Kind);
        Assert.Equal(ErrorKind.Invalid, Hazard.Register(Registration(Officer, HazardSource.SelfInspection, FullPlan(new DateOnly(2023, 6, 30))), Officer, Today).Error!.Kind);

        var h = Registered(Officer, HazardSource.SelfInspection);
        Assert.Equal(ErrorKind.Invalid, h.Report(new DateOnly(2023, 6, 30), false, Officer, Today)!.Kind);
        Assert.Equal(ErrorKind.Invalid, h.Report(Today.AddDays(1), false, Officer, Today)!.Kind);
        Assert.Null(h.Report(new DateOnly(2023, 7, 5), false, Officer, Today));
        Assert.Equal(ErrorKind.Invalid, h.Rectify(new DateOnly(2023, 7, 4), "x", Officer, Today)!.Kind);
        Assert.Null(h.Rectify(new DateOnly(2023, 7, 5), "x", Officer, Today));
        Assert.Equal(ErrorKind.Invalid, h.Verify(new DateOnly(2023, 7, 4), true, null, Inspector, Today)!.Kind);
        Assert.Equal(ErrorKind.Invalid, h.Verify(Today.AddDays(1), true, null, Inspector, Today)!.Kind);
        Assert.Null(h.Verify(Today, true, null, Inspector, Today));
    }

    [Fact]
    public void Illegal_transitions_are_refused_from_every_status()
    {
        var registered = Registered(Officer, HazardSource.SelfInspection);
        Assert.Equal(ErrorKind.Conflict, registered.Rectify(Today, "x", Officer, Today)!.Kind);
        Assert.Equal(ErrorKind.Conflict, registered.Verify(Today, true, null, Inspector, Today)!.Kind);
        Assert.Equal(ErrorKind.Conflict, registered.Unsupervise(Today, Office, Today)!.Kind);

        var reported = Reported();
        Assert.Equal(ErrorKind.Conflict, reported.Report(Today, false, Officer, Today)!.Kind);
        Assert.Equal(ErrorKind.Conflict, reported.Verify(Today, true, null, Inspector, Today)!.Kind);

        var rectified = Rectified();
        Assert.Equal(ErrorKind.Conflict, rectified.Rectify(Today, "x", Officer, Today)!.Kind);
        Assert.Equal(ErrorKind.Conflict, rectified.Extend(new DateOnly(2023, 9, 1), "r", "a", Officer, Today)!.Kind);

        var verified = Rectified();
        Assert.Null(verified.Verify(Today, true, null, Inspector, Today));
        Assert.Equal(ErrorKind.Conflict, verified.Void("r", Office, Today)!.Kind);
        Assert.Equal(ErrorKind.Conflict, verified.Verify(Today, true, null, Inspector, Today)!.Kind);
        Assert.Equal(ErrorKind.Conflict, verified.Supervise(SupervisionLevel.County, Today, Today, Guid.NewGuid(), "x", Office, Today)!.Kind);

        var voided = Reported();
        Assert.Null(voided.Void("重复登记", Office, Today));
        Assert.Equal(HazardStatus.Voided, voided.Status);
        foreach (var error in new[]
        {
            voided.Report(Today, false, Officer, Today), voided.Rectify(Today, "x", Officer, Today), voided.Verify(Today, true, null, Inspector, Today),
            voided.Extend(new DateOnly(2023, 9, 1), "r", "a", Officer, Today), voided.Void("r", Office, Today),
        })
        {
            Assert.Equal(ErrorKind.Conflict, error!.Kind);
        }
    }

    [Fact]
    public void The_rectifier_never_verifies_and_a_failed_verification_sends_it_back_with_a_reason()
    {
        var h = Rectified();
        Assert.Equal(ErrorKind.Conflict, h.Verify(Today, true, null, Officer, Today)!.Kind);
        Assert.Equal(ErrorKind.Invalid, h.Verify(Today, false, " ", Inspector, Today)!.Kind);
        Assert.Null(h.Verify(new DateOnly(2023, 7, 12), false, "防护罩未固定", Inspector, Today));
        Assert.Equal(HazardStatus.Reported, h.Status);
        Assert.Null(h.RectifiedOn);
        Assert.Null(h.Rectify(new DateOnly(2023, 7, 15), "已固定", Head, Today));
        Assert.Null(h.Verify(new DateOnly(2023, 7, 16), true, null, Cadre, Today));
        Assert.Equal("张伟", h.Acceptor);
        Assert.Equal(HazardStatus.Verified, h.Status);
    }

    [Fact]
    public void Rectified_as_of_a_day_follows_the_history_through_a_failed_verification()
    {
        var h = Rectified();
        Assert.Null(h.Verify(new DateOnly(2023, 7, 12), false, "不合格", Inspector, Today));
        Assert.Null(h.Rectify(new DateOnly(2023, 7, 15), "返工完成", Officer, Today));
        Assert.False(Hazard.RectifiedAsOf(h.Events, new DateOnly(2023, 7, 9)));
        Assert.True(Hazard.RectifiedAsOf(h.Events, new DateOnly(2023, 7, 10)));
        Assert.True(Hazard.RectifiedAsOf(h.Events, new DateOnly(2023, 7, 11)));
        Assert.False(Hazard.RectifiedAsOf(h.Events, new DateOnly(2023, 7, 12)));
        Assert.False(Hazard.RectifiedAsOf(h.Events, new DateOnly(2023, 7, 14)));
        Assert.True(Hazard.RectifiedAsOf(h.Events, new DateOnly(2023, 7, 15)));
    }

    [Fact]
    public void Extension_needs_a_reason_and_approver_keeps_the_history_and_moves_the_deadline_later()
    {
        var h = Reported();
        Assert.Equal(ErrorKind.Invalid, h.Extend(new DateOnly(2023, 8, 20), null, "局长", Officer, Today)!.Kind);
        Assert.Equal(ErrorKind.Invalid, h.Extend(new DateOnly(2023, 8, 5), "配件未到", "局长", Officer, Today)!.Kind);
        Assert.Null(h.Extend(new DateOnly(2023, 8, 20), "配件未到", "王建国", Officer, Today));
        var extension = Assert.Single(h.Events, e => e.Kind == HazardEventKind.Extended);
        Assert.Equal("2023-08-10", extension.Before);
        Assert.Equal("2023-08-20", extension.After);
        Assert.Equal(new DateOnly(2023, 8, 20), h.Plan.Deadline);
    }

    [Theory]
    [InlineData("2023-08-10", false, false)]
    [InlineData("2023-08-03", false, true)]
    [InlineData("2023-08-02", false, false)]
    [InlineData("2023-08-11", true, false)]
    public void Overdue_and_due_soon_at_boundary_days(string today, bool overdue, bool dueSoon)
    {
        var day = DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture);
        var h = Reported();
        Assert.Equal(overdue, h.IsOverdue(day));
        Assert.Equal(day == new DateOnly(2023, 8, 10) || dueSoon, h.IsDueSoon(day));
        Assert.Equal(!overdue, h.IsExempt(day));
    }

    [Fact]
    public void A_rectified_hazard_is_never_overdue_and_a_supervision_deadline_that_is_earlier_rules()
    {
        var h = Reported();
        Assert.Null(h.Supervise(SupervisionLevel.County, new DateOnly(2023, 7, 5), new DateOnly(2023, 7, 25), Office.UnitId!.Value, Office.UnitName, Office, Today));
        Assert.Equal(new DateOnly(2023, 7, 25), h.CurrentDeadline);
        Assert.True(h.IsOverdue(new DateOnly(2023, 7, 26)));
        Assert.False(h.IsExempt(new DateOnly(2023, 7, 26)));
        Assert.Null(h.Rectify(new DateOnly(2023, 7, 20), "完成", Officer, Today));
        Assert.False(h.IsOverdue(new DateOnly(2023, 7, 26)));
    }

    [Fact]
    public void Supervision_is_removed_only_after_verification()
    {
        var h = Rectified();
        Assert.Null(h.Supervise(SupervisionLevel.County, new DateOnly(2023, 7, 11), new DateOnly(2023, 7, 30), Office.UnitId!.Value, Office.UnitName, Office, Today));
        Assert.Equal(ErrorKind.Conflict, h.Supervise(SupervisionLevel.County, Today, Today, Office.UnitId!.Value, Office.UnitName, Office, Today)!.Kind);
        Assert.Equal(ErrorKind.Conflict, h.Unsupervise(Today, Office, Today)!.Kind);
        Assert.Null(h.Verify(new DateOnly(2023, 7, 12), true, null, Inspector, Today));
        Assert.Equal(ErrorKind.Invalid, h.Unsupervise(new DateOnly(2023, 7, 11), Office, Today)!.Kind);
        Assert.Null(h.Unsupervise(new DateOnly(2023, 7, 13), Office, Today));
        Assert.Equal(new DateOnly(2023, 7, 13), h.Supervision!.RemovedOn);
    }

    [Fact]
    public void Exempt_means_self_found_and_reported_and_not_overdue()
    {
        var registered = Registered(Officer, HazardSource.SelfInspection);
        Assert.False(registered.IsExempt(Today));
        Assert.True(Reported().IsExempt(Today));
        Assert.False(Registered(Inspector, HazardSource.DepartmentInspection).IsExempt(Today));
    }

    [Fact]
    public void Editing_changes_only_descriptive_fields_keeps_before_and_after_and_stops_at_verification()
    {
        var h = Reported();
        Assert.Equal(ErrorKind.Conflict, h.Edit("新名称", null, null, null, null, FullPlan(), Officer, Today)!.Kind);
        Assert.Null(h.Edit("冲压机防护罩缺失（补充）", "补充描述", "二车间", null, null, null, Officer, Today));
        var edit = Assert.Single(h.Events, e => e.Kind == HazardEventKind.Edited);
        Assert.StartsWith("冲压机防护罩缺失｜", edit.Before, StringComparison.Ordinal);
        Assert.StartsWith("冲压机防护罩缺失（补充）｜补充描述｜二车间", edit.After, StringComparison.Ordinal);

        var draft = Registered(Officer, HazardSource.SelfInspection, new RectificationPlan());
        Assert.Null(draft.Edit("草稿", null, null, null, null, FullPlan(), Officer, Today));
        Assert.True(draft.Plan.IsComplete);

        var verified = Rectified();
        Assert.Null(verified.Verify(Today, true, null, Inspector, Today));
        Assert.Equal(ErrorKind.Conflict, verified.Edit("x", null, null, null, null, null, Officer, Today)!.Kind);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0, 0, 0, 0, 0, 0, 0 }, "image/jpeg")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0 }, "image/png")]
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50 }, "image/webp")]
    [InlineData(new byte[] { 0x68, 0x65, 0x6C, 0x6C, 0x6F, 0x20, 0x77, 0x6F, 0x72, 0x6C, 0x64, 0x21 }, null)]
    [InlineData(new byte[] { 0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0, 0, 0, 0, 0, 0 }, null)]
    public void Photo_types_are_decided_by_magic_bytes(byte[] head, string? expected) =>
        Assert.Equal(expected, HazardPhoto.DetectContentType(head));
}
