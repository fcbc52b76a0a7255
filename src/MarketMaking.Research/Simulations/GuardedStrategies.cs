using System.Globalization;
using MarketMaking.Core.Risk;
using MarketMaking.Learning.AdverseSelection;
using MarketMaking.Learning.Supervised;
using MarketMaking.Research.Quoting;
using MarketMaking.Strategies;

namespace MarketMaking.Research.Simulations;

/// <summary>
/// Builds the strategies of an agent-based comparison, wrapping "+guard" ones in the guard. A
/// guard without a model file gets a detector trained here on the unguarded strategy's fills,
/// on seeds far from the compared ones (one detector per strategy, trained once).
/// </summary>
internal sealed class GuardedStrategies(StrategyFactory strategies, GuardSetup? guard, QuotingMechanics mechanics, AgentMarketSetup setup, ulong seed)
{
    /// <summary>Seed offset of the runs a detector is trained on.</summary>
    public const ulong TrainingSeedOffset = 2_000_000;

    /// <summary>Horizon (s) of the markout that labels a fill adverse when training here.</summary>
    public const double TrainingHorizon = 10;

    private readonly Dictionary<string, AdverseSelectionDetector> _detectors = [];
    private readonly List<string> _trained = [];

    /// <summary>One line per detector trained here: what it saw and how it scored on its test fills.</summary>
    public IReadOnlyList<string> Trained => _trained;

    public IQuotingStrategy Create(StrategyChoice choice)
    {
        double tick = setup.Market.TickSize;
        IQuotingStrategy strategy = strategies.Create(choice.Name, setup.Settings, tick);
        if (choice.Guarded)
        {
            GuardSetup g = guard ?? throw new InvalidOperationException($"{choice.Label} wears a guard, but no guard was set up");
            strategy = g.Wrap(strategy, Detector(g, choice.Name, strategy), tick);
        }

        return mechanics.Wrap(strategy, tick, setup.Settings.OrderQuantity);
    }

    private AdverseSelectionDetector Detector(GuardSetup g, string name, IQuotingStrategy strategy)
    {
        if (g.ModelPath is { } path)
        {
            return _detectors.TryGetValue(path, out var loaded) ? loaded : _detectors[path] = AdverseSelectionDetector.Load(path);
        }

        if (_detectors.TryGetValue(name, out var detector))
        {
            return detector;
        }

        int runs = g.CheckedTrainRuns();
        ulong first = seed + TrainingSeedOffset;
        LabeledDataset data = AdverseFillSampler.FromAgentMarket(
            setup.Market, strategy, new FeatureSelection(FeatureSelection.Defaults), runs, first, TrainingHorizon, 0, RiskLimits.None, g.Features());
        DetectorTraining training = DetectorTraining.Fit(data, 0.7, 1);
        _trained.Add(string.Create(
            CultureInfo.InvariantCulture,
            $"{name}: {data.Count} fills on seeds {first}…{first + (ulong)runs - 1}, {TrainingHorizon:G} s markout; test AUC {training.Test.Auc:F3}, log-loss {training.Test.LogLoss:F4}"));
        return _detectors[name] = training.Detector;
    }
}
