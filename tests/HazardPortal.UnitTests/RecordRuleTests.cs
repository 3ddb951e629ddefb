using HazardPortal.Core.Authorization;
using HazardPortal.Core.Common;
using HazardPortal.Core.Identity;
using HazardPortal.Core.Records;
using HazardPortal.Core.Tenancy;

namespace HazardPortal.UnitTests;

public class EnforcementRuleTests
{
    private static readonly DateOnly Today = new(2023, 7, 20);
    private static readonly Guid Firm = Guid.NewGuid();

    private static EnforcementContent Of(EnforcementKind kind, decimal? amount = null, int? persons = null, string? doc = "进应急罚〔2023〕1号", Guid? firm = null, string? target = null, bool crime = false) =>
        new(kind, Today, target is null ? firm ?? Firm : null, target, doc, amount, persons, crime, null, null, null);

    [Fact]
    public void A_penalty_needs_a_non_negative_amount_and_a_document_number()
    {
        Assert.Null(EnforcementAction.Check(Of(EnforcementKind.Penalty, 0m), Today));
        Assert.Null(EnforcementAction.Check(Of(EnforcementKind.DualPenalty, 3.5m), Today));
        Assert.Equal("amountWan", EnforcementAction.Check(Of(EnforcementKind.Penalty, -0.01m), Today)!.Fields!.Keys.Single());
        Assert.Equal("amountWan", EnforcementAction.Check(Of(EnforcementKind.Penalty), Today)!.Fields!.Keys.Single());
        Assert.Equal("documentNumber", EnforcementAction.Check(Of(EnforcementKind.Penalty, 1m, doc: " "), Today)!.Fields!.Keys.Single());
        Assert.Equal("amountWan", EnforcementAction.Check(Of(EnforcementKind.Suspension, 1m), Today)!.Fields!.Keys.Single());
    }

    [Fact]
    public void Referrals_and_accountability_count_persons_and_only_they_do()
    {
        Assert.Equal("persons", EnforcementAction.Check(Of(EnforcementKind.JudicialReferral), Today)!.Fields!.Keys.Single());
        Assert.Equal("persons", EnforcementAction.Check(Of(EnforcementKind.JudicialReferral, persons: 0), Today)!.Fields!.Keys.Single());
        Assert.Null(EnforcementAction.Check(Of(EnforcementKind.JudicialReferral, persons: 2), Today));
        Assert.Null(EnforcementAction.Check(Of(EnforcementKind.Accountability, persons: 3, target: "360124101000"), Today));
        Assert.Equal("persons", EnforcementAction.Check(Of(EnforcementKind.Interview, persons: 1, doc: null), Today)!.Fields!.Keys.Single());
    }

    [Fact]
    public void Region_measures_aim_at_a_jurisdiction_the_rest_at_an_enterprise()
    {
        Assert.Null(EnforcementAction.Check(Of(EnforcementKind.RegionInterview, doc: null, target: "360124101000"), Today));
        Assert.Equal("targetJurisdictionCode", EnforcementAction.Check(Of(EnforcementKind.RegionInterview, doc: null), Today)!.Fields!.Keys.Single());
        Assert.Equal("targetJurisdictionCode", EnforcementAction.Check(Of(EnforcementKind.Exposure, doc: null, target: "360124101000"), Today)!.Fields!.Keys.Single());
        Assert.Equal("enterpriseId", EnforcementAction.Check(new EnforcementContent(EnforcementKind.Closure, Today, null, null, "关1", null, null, false, null, null, null), Today)!.Fields!.Keys.Single());

        // A typical case may be published without naming an enterprise; only it carries 危险作业罪.
        Assert.Null(EnforcementAction.Check(new EnforcementContent(EnforcementKind.TypicalCase, Today, null, null, null, null, null, true, null, null, null), Today));
        Assert.Equal("dangerousOperationCrime", EnforcementAction.Check(Of(EnforcementKind.Penalty, 1m, crime: true), Today)!.Fields!.Keys.Single());
        Assert.Equal("date", EnforcementAction.Check(Of(EnforcementKind.Penalty, 1m) with { On = Today.AddDays(1) }, Today)!.Fields!.Keys.Single());
    }

    private static AccessScope As(string role) =>
        AccessScope.ForUser(Guid.NewGuid(), "u", [role], "000000000000.360000000000.360100000000.360124000000", Guid.NewGuid(), Roles.IsEnterpriseRole(role) ? Guid.NewGuid() : null);

    [Fact]
    public void Only_the_head_records_head_led_inspections_and_no_enterprise_records_a_spot_check()
    {
        Assert.Null(RecordRules.MayRecordInspection(As(Roles.EnterpriseHead), InspectionKind.HeadLed));
        Assert.Equal(ErrorKind.Forbidden, RecordRules.MayRecordInspection(As(Roles.EnterpriseOfficer), InspectionKind.HeadLed)!.Kind);
        Assert.Equal(ErrorKind.Forbidden, RecordRules.MayRecordInspection(As(Roles.EnterpriseHead), InspectionKind.SpotCheck)!.Kind);
        Assert.Equal(ErrorKind.Forbidden, RecordRules.MayRecordInspection(As(Roles.SafetyOffice), InspectionKind.SpotCheck)!.Kind);
        Assert.Null(RecordRules.MayRecordInspection(As(Roles.DepartmentInspector), InspectionKind.SpotCheck));
        Assert.Null(RecordRules.MayRecordInspection(As(Roles.SafetyOffice), InspectionKind.Assistance));
    }
}

public class PublicReportRuleTests
{
    [Fact]
    public void Query_codes_are_twelve_unambiguous_characters_and_typing_variants_normalise()
    {
        var codes = Enumerable.Range(0, 200).Select(_ => PublicReport.NewQueryCode()).ToList();
        Assert.All(codes, c => Assert.Matches("^[A-HJ-NP-Z2-9]{12}$", c));
        Assert.Equal(200, codes.Distinct().Count());
        Assert.Equal("ABCDEFGHJKLM", PublicReport.NormaliseQueryCode(" abcd-efgh jklm "));
        Assert.Null(PublicReport.NormaliseQueryCode("ABCDEFGHJKL0"));
        Assert.Null(PublicReport.NormaliseQueryCode("ABC"));
        Assert.Null(PublicReport.NormaliseQueryCode(null));
    }

    [Fact]
    public void A_report_is_triaged_once_and_a_dismissal_needs_a_reason()
    {
        var today = new DateOnly(2023, 7, 1);
        var report = new PublicReport { Status = PublicReportStatus.Received };
        Assert.Equal("dismissReason", report.Dismiss(" ", today, "办公室")!.Fields!.Keys.Single());
        Assert.Null(report.Accept(Guid.NewGuid(), today, "办公室"));
        Assert.Equal(PublicReportStatus.Accepted, report.Status);
        Assert.Equal(today, report.UpdatedOn);
        Assert.Equal(ErrorKind.Conflict, report.Dismiss("重复", today, "办公室")!.Kind);
    }
}

public class CommitmentReceiptTests
{
    private static readonly DateTimeOffset At = new(2023, 5, 10, 9, 0, 0, TimeSpan.FromHours(8));

    [Theory]
    [InlineData("2023-05-09", false)]
    [InlineData("2023-05-10", false)]
    [InlineData("2023-05-11", true)]
    public void Signed_after_the_due_day_is_late(string signedOn, bool late)
    {
        var receipt = new CommitmentReceipt { DueOn = new DateOnly(2023, 5, 10) };
        Assert.Null(receipt.Sign(Guid.NewGuid(), "吴刚", isHead: true, At, DateOnly.Parse(signedOn, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.True(receipt.IsSigned);
        Assert.Equal(late, receipt.Late);
    }

    [Fact]
    public void Only_the_head_signs_and_only_once()
    {
        var receipt = new CommitmentReceipt { DueOn = new DateOnly(2023, 5, 10) };
        Assert.Equal(ErrorKind.Forbidden, receipt.Sign(Guid.NewGuid(), "周磊", isHead: false, At, new DateOnly(2023, 5, 9))!.Kind);
        Assert.False(receipt.IsSigned);
        Assert.Null(receipt.Sign(Guid.NewGuid(), "吴刚", isHead: true, At, new DateOnly(2023, 5, 9)));
        Assert.Equal(ErrorKind.Conflict, receipt.Sign(Guid.NewGuid(), "吴刚", isHead: true, At, new DateOnly(2023, 5, 9))!.Kind);
        Assert.Contains("进贤县应急管理局发来的", CommitmentReceipt.Text("进贤县应急管理局", Campaign.Seed2023.PlanTitle));
    }
}

public class SeedWordingTests
{
    // 001 (进贤县 调度表) 注2, copied from the seed document.
    private const string Note2 = "外包外租管理混乱，是指符合以下情形之一的：承包承租方不具备安全生产条件、未取得相应资质，双方未签订安全生产协议，安全生产管理职责不清，未纳入本企业统一管理。";

    [Fact]
    public void The_outsourcing_deficiency_carries_all_of_001_note_2()
    {
        var help = HazardPortal.Core.Records.SpotCheckDeficiencies.All.Single(d => d.Key == "outsourcing_chaos").Help;
        Assert.StartsWith(Note2, help, StringComparison.Ordinal);
    }
}

public class AuditNameTests
{
    [Fact]
    public void A_change_shows_labelled_fields_only_and_counts_the_rest()
    {
        var changes = HazardPortal.Core.Audit.AuditNames.Changes("""{"Status":"Registered","ScopeThing":1}""", """{"Status":"Reported","ScopeThing":2}""");
        Assert.Equal(["状态", "其他字段"], changes.Select(c => c.Field));
        Assert.Equal(("已登记", "已报告"), (changes[0].Before, changes[0].After));
        Assert.DoesNotContain(changes, c => c.Field.Any(char.IsAsciiLetter));
    }
}
