using HazardPortal.Core.Notifications;

namespace HazardPortal.UnitTests;

/// <summary>The escalation ladder's rungs at their boundary days (issue #6).</summary>
public class EscalationLadderTests
{
    private static readonly DateOnly Today = new(2023, 10, 16);

    [Theory]
    [InlineData(8, EscalationLadder.Rung.None)] // 8 days ahead: not yet due soon
    [InlineData(7, EscalationLadder.Rung.DueSoon)] // the 7th day ahead is due soon
    [InlineData(0, EscalationLadder.Rung.DueSoon)] // due today: still in time
    [InlineData(-1000, EscalationLadder.Rung.LongOverdue)]
    public void A_deadline_falls_on_its_rung(int daysFromToday, EscalationLadder.Rung expected)
    {
        Assert.Equal(expected, new EscalationLadder().Of(Today.AddDays(daysFromToday), Today));
        Assert.Equal(EscalationLadder.Rung.None, new EscalationLadder().Of(null, Today));
    }

    [Fact]
    public void Overdue_starts_the_day_after_the_deadline_and_turns_long_after_the_span()
    {
        var ladder = new EscalationLadder();
        Assert.Equal(EscalationLadder.Rung.Overdue, ladder.Of(Today.AddDays(-1), Today));
        Assert.Equal(EscalationLadder.Rung.Overdue, ladder.Of(Today.AddDays(-30), Today)); // exactly 30 days late: not more than the span
        Assert.Equal(EscalationLadder.Rung.LongOverdue, ladder.Of(Today.AddDays(-31), Today));

        var strict = new EscalationLadder(LongOverdueDays: 10);
        Assert.Equal(EscalationLadder.Rung.Overdue, strict.Of(Today.AddDays(-10), Today));
        Assert.Equal(EscalationLadder.Rung.LongOverdue, strict.Of(Today.AddDays(-11), Today));
        Assert.Equal(new DateOnly(2023, 10, 6), strict.LongOverdueBefore(Today));
        Assert.Equal(new DateOnly(2023, 10, 23), strict.DueSoonUntil(Today));
    }
}
