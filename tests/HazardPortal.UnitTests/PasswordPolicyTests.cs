using HazardPortal.Core.Identity;

namespace HazardPortal.UnitTests;

public class PasswordPolicyTests
{
    private readonly SecurityPolicy policy = SecurityPolicy.Baseline;

    [Theory]
    [InlineData("Demo#2023")]
    [InlineData("abcDEF12")]
    [InlineData("abc#def1")]
    [InlineData("ABC#DEF1")]
    [InlineData("Abcdefg!")]
    public void Eight_characters_with_three_classes_pass(string password) =>
        Assert.Empty(policy.CheckPassword(password));

    [Fact]
    public void Seven_characters_fail_on_length() =>
        Assert.Contains(policy.CheckPassword("Ab#1234"), e => e.Contains("至少8位", StringComparison.Ordinal));

    [Theory]
    [InlineData("abcdefgh")]
    [InlineData("abcd1234")]
    [InlineData("ABCD!@#$")]
    [InlineData("12345678")]
    public void Two_classes_or_fewer_fail(string password) =>
        Assert.Contains(policy.CheckPassword(password), e => e.Contains("至少3类", StringComparison.Ordinal));

    [Fact]
    public void Spaces_are_refused() =>
        Assert.Contains(policy.CheckPassword("Abc 1234#"), e => e.Contains("空格", StringComparison.Ordinal));

    [Fact]
    public void A_stricter_policy_demands_all_four_classes()
    {
        var strict = new SecurityPolicy { MinCharacterClasses = 4, MinPasswordLength = 10 };
        Assert.NotEmpty(strict.CheckPassword("abcDEF1234"));
        Assert.Empty(strict.CheckPassword("abcDEF123#"));
    }

    [Theory]
    [InlineData(7, 3, 5, 30, 30, false)]
    [InlineData(8, 2, 5, 30, 30, false)]
    [InlineData(8, 3, 6, 30, 30, false)]
    [InlineData(8, 3, 5, 29, 30, false)]
    [InlineData(8, 3, 5, 30, 31, false)]
    [InlineData(8, 3, 5, 30, 30, true)]
    [InlineData(12, 4, 3, 60, 10, true)]
    public void The_policy_cannot_go_below_the_baseline(int length, int classes, int threshold, int lockMinutes, int idle, bool valid)
    {
        var candidate = new SecurityPolicy
        {
            MinPasswordLength = length,
            MinCharacterClasses = classes,
            LockoutThreshold = threshold,
            LockoutMinutes = lockMinutes,
            IdleTimeoutMinutes = idle,
        };
        Assert.Equal(valid, new SecurityPolicy.Validator().Validate(candidate).IsValid);
    }
}
