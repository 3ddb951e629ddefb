using HazardPortal.Core.Data;

namespace HazardPortal.UnitTests;

/// <summary>Which node serves the dashboard's reads (issue #18 §2): a standby no further behind than the bound; never the primary through the read source.</summary>
public class ReadReplicaRuleTests
{
    [Theory]
    [InlineData(true, 0, 5, true)]
    [InlineData(true, 5, 5, true)]
    [InlineData(true, 5.01, 5, false)]
    [InlineData(true, 1e9, 5, false)]
    [InlineData(false, 0, 5, false)]
    public void A_standby_serves_the_reads_only_within_the_lag_bound(bool inRecovery, double lag, double bound, bool serves) =>
        Assert.Equal(serves, ReadReplica.Serves(inRecovery, lag, bound));
}
