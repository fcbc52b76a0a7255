using MarketMaking.Core.Errors;
using MarketMaking.Learning.AdverseSelection;
using MarketMaking.Research.Quoting;
using MarketMaking.Simulation.Engine;
using MarketMaking.Strategies;

namespace MarketMaking.Research.Tests.Quoting;

public class QuotingTests
{
    [Fact]
    public void DepthsOfExactGlftAreThePublishedOnes()
    {
        // γ 0.1, σ 2, A 140, κ 1.5, Q 20, T − t = 1 (the settings' defaults): 0.6716 / 0.6716 at q = 0, 0.7241 / 0.6191 at q = 1.
        var settings = new StrategySettings();
        IReadOnlyList<QuoteDepth> depths = QuoteDepths.For(StrategyCatalog.Create("glft-exact", settings), settings, 1);
        Assert.Equal(41, depths.Count);
        QuoteDepth flat = depths.Single(d => d.Q == 0), longOne = depths.Single(d => d.Q == 1);
        Assert.Equal(0.6716, flat.Bid!.Value, 4);
        Assert.Equal(0.6716, flat.Ask!.Value, 4);
        Assert.Equal(0.7241, longOne.Bid!.Value, 4);
        Assert.Equal(0.6191, longOne.Ask!.Value, 4);

        // At the limit the side that would pass it is not quoted.
        Assert.Null(depths.Single(d => d.Q == 20).Bid);
        Assert.Null(depths.Single(d => d.Q == -20).Ask);
    }

    [Fact]
    public void DepthsOfAvellanedaStoikovAreItsClosedForm()
    {
        // Half spread γσ²τ/2 + ln(1 + γ/κ)/γ = 0.2 + 10·ln(16/15); the centre moves γσ²τ = 0.4 per unit held.
        var settings = new StrategySettings();
        IReadOnlyList<QuoteDepth> depths = QuoteDepths.For(StrategyCatalog.Create("as", settings), settings, 1);
        double half = 0.2 + (10 * Math.Log(16.0 / 15));
        QuoteDepth q1 = depths.Single(d => d.Q == 1);
        Assert.Equal(half + 0.4, q1.Bid!.Value, 9);
        Assert.Equal(half - 0.4, q1.Ask!.Value, 9);
    }

    [Fact]
    public void MechanicsWrapOnlyWhenAskedAndConvertTicks()
    {
        IQuotingStrategy fixedSpread = StrategyCatalog.Create("fixed", new StrategySettings());
        Assert.Same(fixedSpread, QuotingMechanics.None.Wrap(fixedSpread, 0.5, 1));
        Assert.IsType<QuoteShaping>(new QuotingMechanics { Levels = [new QuoteLevelSpec(2, 2)] }.Wrap(fixedSpread, 0.5, 1));
        Assert.IsType<QuoteShaping>(new QuotingMechanics { SizeSkew = 0.1 }.Wrap(fixedSpread, 0.5, 1));

        RunSettings run = new QuotingMechanics { RefreshToleranceTicks = 3, MaxOrderAge = 2 }.Apply(new RunSettings(), 0.5);
        Assert.Equal((1.5, 2.0), (run.RefreshTolerance, run.MaxOrderAge));
        Assert.Equal(double.PositiveInfinity, QuotingMechanics.None.Apply(new RunSettings(), 0.5).MaxOrderAge);
        Assert.Equal("max-order-age", Assert.Throws<InvalidParameterException>(() => new QuotingMechanics { MaxOrderAge = 0 }.Apply(new RunSettings(), 1)).Parameter);
        Assert.Equal("refresh-tolerance", Assert.Throws<InvalidParameterException>(() => new QuotingMechanics { RefreshToleranceTicks = -1 }.Apply(new RunSettings(), 1)).Parameter);
    }

    [Fact]
    public void StrategyNamesResolveAliasesAndTheGuard()
    {
        Assert.Equal(new StrategyChoice("inventory+guard", "as", true), StrategyChoice.Parse("inventory+guard"));
        Assert.Equal(new StrategyChoice("glft", "glft", false), StrategyChoice.Parse("glft"));
        Assert.Equal("nn-spread", StrategyChoice.CatalogName("nn-spread"));
        Assert.Contains("unknown strategy 'magic'", Assert.Throws<InvalidParameterException>(() => StrategyChoice.Parse("magic+guard")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheFactoryBuildsCatalogStrategiesAndAsksForTheSpreadModel()
    {
        Assert.Equal("glft", new StrategyFactory().Create("glft", new StrategySettings(), 0.01).Name);
        var e = Assert.Throws<InvalidParameterException>(() => new StrategyFactory().Create(StrategyChoice.LearnedSpread, new StrategySettings(), 0.01));
        Assert.Equal("spread-model", e.Parameter);
    }

    [Fact]
    public void TheGuardWidensInTicksAndWantsTwoTrainingRuns()
    {
        var guard = new GuardSetup { WideningTicks = 3, Threshold = 0.6, Action = GuardAction.Withdraw, LargeTradeSize = 7 };
        AdverseSelectionGuardSettings settings = guard.Validate().Settings(0.5);
        Assert.Equal((1.5, 0.6, GuardAction.Withdraw), (settings.Widening, settings.Threshold, settings.Action));
        Assert.Equal(7, guard.Features().LargeTradeSize);
        Assert.Equal("guard-train-runs", Assert.Throws<InvalidParameterException>(() => (guard with { TrainRuns = 1 }).CheckedTrainRuns()).Parameter);
        Assert.Equal("guard-widen", Assert.Throws<InvalidParameterException>(() => (guard with { WideningTicks = -1 }).Validate()).Parameter);
        Assert.IsType<AdverseSelectionGuard>(guard.Wrap(StrategyCatalog.Create("as", new StrategySettings()), null, 0.5));
    }
}
