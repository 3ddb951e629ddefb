using HazardPortal.Core.Common;

namespace HazardPortal.UnitTests;

/// <summary>
/// Two portal nodes behind the proxy (issue #18 §3) keep one demo clock when they are given the same anchor
/// (<c>Demo:Since</c>, which <c>./portal cluster up</c> writes once): a node started later, or started again after a
/// drill, reads the same time as the other instead of starting the evening again.
/// </summary>
public class DemoClockAnchorTests
{
    private sealed class Real(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly DateTimeOffset Start = new(2023, 8, 22, 13, 30, 0, TimeSpan.Zero); // 21:30 China time

    [Fact]
    public void Nodes_started_apart_with_one_anchor_read_the_same_time()
    {
        var anchor = new DateTimeOffset(2026, 12, 5, 14, 40, 0, TimeSpan.Zero);
        var real = new Real(anchor.AddSeconds(3));
        var first = new DemoClock(Start, real, anchor);
        real.Now = anchor.AddMinutes(7); // the second node restarted after a drill
        var second = new DemoClock(Start, real, anchor);
        Assert.Equal(first.GetUtcNow(), second.GetUtcNow());
        Assert.Equal(Start.AddMinutes(7), second.GetUtcNow());
    }

    [Fact]
    public void Without_an_anchor_each_node_starts_the_evening_at_its_own_start()
    {
        var real = new Real(new DateTimeOffset(2026, 12, 5, 14, 40, 0, TimeSpan.Zero));
        var first = new DemoClock(Start, real);
        real.Now = real.Now.AddMinutes(7);
        var second = new DemoClock(Start, real);
        Assert.Equal(Start, second.GetUtcNow());
        Assert.Equal(TimeSpan.FromMinutes(7), first.GetUtcNow() - second.GetUtcNow());
    }

    [Theory]
    [InlineData("2026-12-05T14:40:00Z", true)]
    [InlineData("2026-12-05T22:40:00+08:00", true)]
    [InlineData("yesterday", false)]
    [InlineData("", false)]
    public void The_anchor_is_an_instant(string text, bool valid)
    {
        Assert.Equal(valid, DemoClock.TryParseSince(text, out var since));
        if (valid)
        {
            Assert.Equal(new DateTimeOffset(2026, 12, 5, 14, 40, 0, TimeSpan.Zero), since);
        }
    }
}
