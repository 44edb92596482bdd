// The alerts an operator acts on, all sent to one action group (email). Each alert names the runbook
// section of bicep/README.md that says what to do.
//
// The app-side signals are custom metrics in Application Insights (PoisonMessages, OutboxOldestAgeSeconds,
// SweepCompleted; bicep/README.md, "What the app reports"). They are alerted on with log queries over
// customMetrics, not metric alerts: a metric alert on a custom metric's dimension needs Application
// Insights' "custom metric dimensions" opt-in, and a metric that has never been emitted cannot be alerted
// on at all, which is exactly the sweep case. The queries are in bicep/queries/*.kql.

@description('Azure region of the log alert rules (that of Application Insights).')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Environment name, part of every alert name.')
param environmentName string

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('Name of the Log Analytics workspace (storage diagnostic logs).')
param logAnalyticsName string

@description('Email address that receives every alert (a shared mailbox, not a person).')
param alertEmailAddress string

@description('Failed invocations of one function within 15 minutes that raise an alert.')
@minValue(1)
param functionFailureThreshold int = 5

@description('Age in seconds of the oldest unacknowledged platform event that raises an alert. Retries back off up to Platform__BackoffMax and reconciliation re-notifies after Platform__ReconcileAfter (10 min), so 30 minutes means the platform, or the push, is really stuck.')
@minValue(60)
param outboxAgeThresholdSeconds int = 1800

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: logAnalyticsName
}

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: 'ag-credit-${environmentName}'
  // Action groups are global resources.
  location: 'global'
  tags: tags
  properties: {
    // At most 12 characters; it is the sender name of SMS and the subject prefix of some notifications.
    groupShortName: take('credit-${environmentName}', 12)
    enabled: true
    emailReceivers: [
      {
        name: 'operators'
        emailAddress: alertEmailAddress
        useCommonAlertSchema: true
      }
    ]
  }
}

// severity: 0 critical ... 4 verbose. Poison and health are 1: records or callers are affected now.
var logAlerts = [
  {
    name: 'poison-messages'
    displayName: 'Poison messages waiting (app metric PoisonMessages)'
    description: 'A poison queue holds messages that failed every attempt. Runbook: bicep/README.md, "Poison queues".'
    severity: 1
    scope: applicationInsights.id
    query: loadTextContent('../queries/poison-messages.kql')
    measure: 'waiting'
    aggregation: 'Maximum'
    dimensions: ['queue']
    threshold: 0
    frequency: 'PT5M'
    window: 'PT15M'
  }
  {
    name: 'poison-moves'
    displayName: 'Message moved to a poison queue (storage logs)'
    description: 'The Functions host moved a message to a *-poison queue after maxDequeueCount failures. Runbook: bicep/README.md, "Poison queues".'
    severity: 1
    scope: logAnalytics.id
    query: loadTextContent('../queries/poison-moves.kql')
    measure: 'moved'
    aggregation: 'Total'
    dimensions: ['queue']
    threshold: 0
    frequency: 'PT5M'
    window: 'PT15M'
  }
  {
    name: 'function-failures'
    displayName: 'Function invocations failing'
    description: 'A function failed ${functionFailureThreshold} times or more within 15 minutes. Look at its exceptions in Application Insights (Failures); queue messages are retried and finally poisoned.'
    severity: 2
    scope: applicationInsights.id
    query: loadTextContent('../queries/function-failures.kql')
    measure: 'failures'
    aggregation: 'Total'
    dimensions: ['function']
    threshold: functionFailureThreshold - 1
    frequency: 'PT5M'
    window: 'PT15M'
  }
  {
    name: 'outbox-age'
    displayName: 'Platform outbox backlog too old (app metric OutboxOldestAgeSeconds)'
    description: 'An event has waited more than ${outboxAgeThresholdSeconds} s for the platform to acknowledge it. Runbook: bicep/README.md, "Outbox replays".'
    severity: 2
    scope: applicationInsights.id
    query: loadTextContent('../queries/outbox-age.kql')
    measure: 'oldestSeconds'
    aggregation: 'Maximum'
    dimensions: []
    threshold: outboxAgeThresholdSeconds
    frequency: 'PT15M'
    window: 'PT30M'
  }
  {
    name: 'sweeps-missing'
    displayName: 'A scheduled sweep has not completed in 26 hours (app metric SweepCompleted)'
    description: 'Expiry, objection or tally-prune sweep did not report completion. Records may be shown past their expiry or overdue objections not escalated. Check the function in Application Insights and run it by hand (bicep/README.md, "Running a timer function by hand").'
    severity: 1
    scope: applicationInsights.id
    query: loadTextContent('../queries/sweeps-missing.kql')
    // Count of rows: each row is a sweep that did not report.
    measure: null
    aggregation: 'Count'
    dimensions: ['sweep']
    threshold: 0
    frequency: 'PT1H'
    // The query looks back 26 hours itself; the window only has to contain that.
    window: 'P2D'
  }
]

resource rules 'Microsoft.Insights/scheduledQueryRules@2022-06-15' = [
  for alert in logAlerts: {
    name: 'alert-credit-${environmentName}-${alert.name}'
    location: location
    tags: tags
    kind: 'LogAlert'
    properties: {
      displayName: alert.displayName
      description: alert.description
      severity: alert.severity
      enabled: true
      scopes: [
        alert.scope
      ]
      evaluationFrequency: alert.frequency
      windowSize: alert.window
      criteria: {
        allOf: [
          {
            query: alert.query
            timeAggregation: alert.aggregation
            metricMeasureColumn: alert.measure
            dimensions: [
              for dimension in alert.dimensions: {
                name: dimension
                operator: 'Include'
                values: [
                  '*'
                ]
              }
            ]
            operator: 'GreaterThan'
            threshold: alert.threshold
            failingPeriods: {
              numberOfEvaluationPeriods: 1
              minFailingPeriodsToAlert: 1
            }
          }
        ]
      }
      autoMitigate: true
      actions: {
        actionGroups: [
          actionGroup.id
        ]
      }
    }
  }
]

@description('Resource id of the action group, for alerts defined elsewhere (availability).')
output actionGroupId string = actionGroup.id
