"""The words of a finding and its remedies."""

from __future__ import annotations

from vocabulary.labelled import Labelled


class Conclusion(Labelled):
    MALADMINISTRATION = "maladministration", "Maladministration"
    SERVICE_FAILURE = "service_failure", "Service failure"
    NO_FAILING = "no_failing", "No failing"


class Principle(Labelled):
    """The six headings of the Ombudsman's Principles, which findings often cite as the standard."""
    GETTING_IT_RIGHT = "getting_it_right", "Getting it right"
    BEING_CUSTOMER_FOCUSED = "being_customer_focused", "Being customer focused"
    BEING_OPEN_AND_ACCOUNTABLE = "being_open_and_accountable", "Being open and accountable"
    ACTING_FAIRLY_AND_PROPORTIONATELY = ("acting_fairly_and_proportionately",
                                         "Acting fairly and proportionately")
    PUTTING_THINGS_RIGHT = "putting_things_right", "Putting things right"
    SEEKING_CONTINUOUS_IMPROVEMENT = ("seeking_continuous_improvement",
                                      "Seeking continuous improvement")


class RecommendationKind(Labelled):
    APOLOGY = "apology", "Acknowledgement and apology"
    EXPLANATION = "explanation", "Explanation"
    PAYMENT = "payment", "Payment"
    SERVICE_IMPROVEMENT = "service_improvement", "Service improvement"


class PaymentBasis(Labelled):
    FINANCIAL_LOSS = "financial_loss", "Financial loss (calculated)"
    INJUSTICE = "injustice", "Injustice (distress, inconvenience), on the remedy scale"
