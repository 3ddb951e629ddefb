using HazardPortal.Core.Common;
using HazardPortal.Core.Dispatch;

namespace HazardPortal.UnitTests;

/// <summary>
/// The dispatch form as an aggregate (issue #15 §2): its state changes only through Save, Submit and Review, and
/// each refuses the moves its state does not allow — every legal and illegal move from each state.
/// </summary>
public class DispatchFormTransitionTests
{
    private static readonly DateTimeOffset At = new(2023, 7, 22, 8, 30, 0, TimeSpan.Zero);
    private static readonly IReadOnlyDictionary<string, decimal> Computed = new Dictionary<string, decimal> { ["hazards.self.found"] = 5 };
    private static readonly HashSet<string> Keys = ["hazards.self.found"];

    private static SnapshotCell[] Cells => [new SnapshotCell { Key = "hazards.self.found", Computed = 5, Value = 5 }];

    private static FormSubmission Submit(DispatchForm form) => form.Submit(Cells, new Dictionary<string, string>(), At, "民和镇 张伟", late: false).Value!;

    private static Error? Save(DispatchForm form) => form.Save([new FormEntry { Key = "hazards.self.found", Value = 5 }], Computed, Keys);

    [Fact]
    public void A_draft_is_saved_and_submitted_but_not_reviewed()
    {
        var form = new DispatchForm();
        Assert.Null(Save(form));
        var stale = new FormSubmission { FormId = form.Id, Revision = 0 };
        Assert.Equal(ErrorKind.Conflict, form.Review(stale, accept: true, null, At, "县安委办")!.Kind);

        var first = Submit(form);
        Assert.Equal((FormStatus.Submitted, 1, "民和镇 张伟"), (form.Status, form.Revision, form.SubmittedBy));
        Assert.Equal((form.Id, 1, FormStatus.Submitted), (first.FormId, first.Revision, first.Status));
        Assert.Equal(At, form.SubmittedAt);
    }

    [Fact]
    public void A_submitted_form_is_neither_saved_nor_submitted_again_and_a_return_needs_its_reason()
    {
        var form = new DispatchForm();
        var submission = Submit(form);
        Assert.Equal(ErrorKind.Conflict, Save(form)!.Kind);
        Assert.Equal(ErrorKind.Conflict, form.Submit(Cells, new Dictionary<string, string>(), At, "x", false).Error!.Kind);
        Assert.Equal(ErrorKind.Invalid, form.Review(submission, accept: false, "  ", At, "县安委办")!.Kind);
        Assert.Equal(ErrorKind.Invalid, form.Review(submission, accept: false, new string('退', DispatchForm.MaxReasonLength + 1), At, "县安委办")!.Kind);
        Assert.Equal(ErrorKind.Conflict, form.Review(new FormSubmission { FormId = form.Id, Revision = 7 }, accept: true, null, At, "县安委办")!.Kind);
        Assert.Equal(FormStatus.Submitted, form.Status); // nothing refused changed anything

        Assert.Null(form.Review(submission, accept: false, " 第3项与台账不符 ", At.AddDays(1), "县安委办 刘晓梅"));
        Assert.Equal((FormStatus.Returned, "第3项与台账不符", "县安委办 刘晓梅"), (form.Status, form.ReturnReason, form.ReviewedBy));
        Assert.Equal((FormStatus.Returned, "第3项与台账不符"), (submission.Status, submission.ReturnReason));
    }

    [Fact]
    public void A_returned_form_goes_back_to_draft_when_saved_and_its_next_submission_is_the_next_revision()
    {
        var form = new DispatchForm();
        var first = Submit(form);
        Assert.Null(form.Review(first, accept: false, "请核实", At, "县安委办"));
        Assert.Equal(ErrorKind.Conflict, form.Review(first, accept: true, null, At, "县安委办")!.Kind); // a returned form is not reviewed again

        Assert.Null(Save(form));
        Assert.Equal(FormStatus.Draft, form.Status);
        var second = Submit(form);
        Assert.Equal((2, FormStatus.Submitted, null), (form.Revision, form.Status, form.ReturnReason));
        Assert.Equal(2, second.Revision);
        Assert.Null(form.ReviewedBy);

        Assert.Equal(ErrorKind.Conflict, form.Review(first, accept: true, null, At, "县安委办")!.Kind); // only through the latest submission
        Assert.Null(form.Review(second, accept: true, null, At, "县安委办"));
        Assert.Equal((FormStatus.Accepted, FormStatus.Accepted), (form.Status, second.Status));
    }

    [Fact]
    public void An_accepted_form_is_final()
    {
        var form = new DispatchForm();
        var submission = Submit(form);
        Assert.Null(form.Review(submission, accept: true, null, At, "县安委办"));
        Assert.Equal(ErrorKind.Conflict, Save(form)!.Kind);
        Assert.Equal(ErrorKind.Conflict, form.Submit(Cells, new Dictionary<string, string>(), At, "x", false).Error!.Kind);
        Assert.Equal(ErrorKind.Conflict, form.Review(submission, accept: false, "改", At, "县安委办")!.Kind);
        Assert.Equal(FormStatus.Accepted, form.Status);
    }
}
