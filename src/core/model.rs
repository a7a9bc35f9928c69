//! Serde types for GitHub's deployment, deployment-status and environment objects, field by field
//! from the OpenAPI spec.

use serde::{Deserialize, Deserializer, Serialize};
use std::collections::BTreeMap;

/// A field the spec marks required but nullable: `null` is `None`, a missing field is an error.
fn required_nullable<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<Option<T>, D::Error> {
    Option::<T>::deserialize(deserializer)
}

/// The state of a deployment status.
///
/// # Examples
///
/// ```
/// use github_deployment_status::State;
/// assert_eq!("in_progress".parse::<State>(), Ok(State::InProgress));
/// assert_eq!(State::Success.as_str(), "success");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// The deployment errored.
    Error,
    /// The deployment failed.
    Failure,
    /// The deployment is no longer active.
    Inactive,
    /// The deployment is running.
    InProgress,
    /// The deployment is waiting to run.
    Queued,
    /// The deployment is pending.
    Pending,
    /// The deployment succeeded.
    Success,
}

impl State {
    /// Every state GitHub accepts, in the order its docs list them.
    pub const ALL: [State; 7] = [
        State::Error,
        State::Failure,
        State::Inactive,
        State::InProgress,
        State::Queued,
        State::Pending,
        State::Success,
    ];

    /// Whether the state ends a deployment's run: `success`, `failure`, `error` or `inactive`.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            State::Success | State::Failure | State::Error | State::Inactive
        )
    }

    /// The wire name of the state, as GitHub spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            State::Error => "error",
            State::Failure => "failure",
            State::Inactive => "inactive",
            State::InProgress => "in_progress",
            State::Queued => "queued",
            State::Pending => "pending",
            State::Success => "success",
        }
    }
}

impl std::str::FromStr for State {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, ()> {
        State::ALL
            .into_iter()
            .find(|state| state.as_str() == s)
            .ok_or(())
    }
}

impl std::fmt::Display for State {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A deployment status as GitHub returns it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeploymentStatus {
    /// API URL of this status.
    pub url: String,
    /// Unique identifier (int64).
    pub id: u64,
    /// GraphQL node id.
    pub node_id: String,
    /// The state.
    pub state: State,
    /// Who created the status; `None` when GitHub no longer knows the user.
    #[serde(deserialize_with = "required_nullable")]
    pub creator: Option<SimpleUser>,
    /// Short description, at most 140 characters.
    pub description: String,
    /// Environment of the deployment the status is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub environment: Option<String>,
    /// Deprecated alias of `log_url`.
    pub target_url: String,
    /// Creation time (ISO 8601).
    pub created_at: String,
    /// Last update time (ISO 8601).
    pub updated_at: String,
    /// API URL of the deployment.
    pub deployment_url: String,
    /// API URL of the repository.
    pub repository_url: String,
    /// URL of the deployed environment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub environment_url: Option<String>,
    /// URL of the deployment's logs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub log_url: Option<String>,
    /// The GitHub App that created the status, if one did.
    #[serde(default)]
    pub performed_via_github_app: Option<Integration>,
}

/// A GitHub user, as the spec's `simple-user`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SimpleUser {
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Public email.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Login name.
    pub login: String,
    /// Unique identifier (int64).
    pub id: u64,
    /// GraphQL node id.
    pub node_id: String,
    /// Avatar image URL.
    pub avatar_url: String,
    /// Gravatar id, often empty.
    #[serde(deserialize_with = "required_nullable")]
    pub gravatar_id: Option<String>,
    /// API URL of the user.
    pub url: String,
    /// Web URL of the user.
    pub html_url: String,
    /// API URL of the user's followers.
    pub followers_url: String,
    /// URL template of the users this user follows.
    pub following_url: String,
    /// URL template of the user's gists.
    pub gists_url: String,
    /// URL template of the user's starred repositories.
    pub starred_url: String,
    /// API URL of the user's subscriptions.
    pub subscriptions_url: String,
    /// API URL of the user's organizations.
    pub organizations_url: String,
    /// API URL of the user's repositories.
    pub repos_url: String,
    /// URL template of the user's events.
    pub events_url: String,
    /// API URL of the events the user received.
    pub received_events_url: String,
    /// Account type, e.g. `User`, `Bot`, `Organization`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Whether the user is a GitHub staff administrator.
    pub site_admin: bool,
    /// When the user starred a repository (only in stargazer lists).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub starred_at: Option<String>,
    /// How the user's profile is shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_view_type: Option<String>,
}

/// A GitHub App, as the spec's `integration`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Integration {
    /// Unique identifier.
    pub id: u64,
    /// URL-friendly name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    /// GraphQL node id.
    pub node_id: String,
    /// OAuth client id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// The user or enterprise that owns the app.
    pub owner: AppOwner,
    /// Name of the app.
    pub name: String,
    /// Description of the app.
    #[serde(deserialize_with = "required_nullable")]
    pub description: Option<String>,
    /// The app's external URL.
    pub external_url: String,
    /// The app's web URL.
    pub html_url: String,
    /// Creation time (ISO 8601).
    pub created_at: String,
    /// Last update time (ISO 8601).
    pub updated_at: String,
    /// Permission name to access level.
    pub permissions: BTreeMap<String, String>,
    /// Events the app subscribes to.
    pub events: Vec<String>,
    /// Number of installations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub installations_count: Option<u64>,
}

/// Owner of a GitHub App: a user or an enterprise.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum AppOwner {
    /// A user or organization account.
    User(Box<SimpleUser>),
    /// An enterprise account.
    Enterprise(Box<Enterprise>),
}

/// An enterprise account, as the spec's `enterprise`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Enterprise {
    /// Description of the enterprise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Web URL.
    pub html_url: String,
    /// The enterprise's website.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website_url: Option<String>,
    /// Unique identifier.
    pub id: u64,
    /// GraphQL node id.
    pub node_id: String,
    /// Name of the enterprise.
    pub name: String,
    /// URL-friendly name.
    pub slug: String,
    /// Creation time (ISO 8601).
    #[serde(deserialize_with = "required_nullable")]
    pub created_at: Option<String>,
    /// Last update time (ISO 8601).
    #[serde(deserialize_with = "required_nullable")]
    pub updated_at: Option<String>,
    /// Avatar image URL.
    pub avatar_url: String,
}

/// A deployment as GitHub returns it (the spec's `deployment`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Deployment {
    /// API URL of this deployment.
    pub url: String,
    /// Unique identifier (int64).
    pub id: u64,
    /// GraphQL node id.
    pub node_id: String,
    /// The commit deployed.
    pub sha: String,
    /// The ref deployed: a branch, tag or SHA.
    #[serde(rename = "ref")]
    pub git_ref: String,
    /// The task, e.g. `deploy` or `deploy:migrations`.
    pub task: String,
    /// Extra information, as given when the deployment was created: an object or a string.
    pub payload: serde_json::Value,
    /// The environment first deployed to, when it was renamed since.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_environment: Option<String>,
    /// Name of the environment, e.g. `production`.
    pub environment: String,
    /// Short description.
    #[serde(deserialize_with = "required_nullable")]
    pub description: Option<String>,
    /// Who created the deployment; `None` when GitHub no longer knows the user.
    #[serde(deserialize_with = "required_nullable")]
    pub creator: Option<SimpleUser>,
    /// Creation time (ISO 8601).
    pub created_at: String,
    /// Last update time (ISO 8601).
    pub updated_at: String,
    /// API URL of the deployment's statuses.
    pub statuses_url: String,
    /// API URL of the repository.
    pub repository_url: String,
    /// Whether the environment ceases to exist at some point.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transient_environment: Option<bool>,
    /// Whether end users interact with the environment directly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub production_environment: Option<bool>,
    /// The GitHub App that created the deployment, if one did.
    #[serde(default)]
    pub performed_via_github_app: Option<Integration>,
}

/// What `POST /deployments` answers: the deployment (201), or GitHub's note that it merged the
/// default branch into the ref first and created nothing (202).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum CreatedDeployment {
    /// 201: the new deployment.
    Created(Box<Deployment>),
    /// 202: the default branch was merged into the ref; deploy the new head.
    Merged {
        /// GitHub's message, e.g. `Auto-merged main into topic-branch on deployment.`
        message: String,
    },
}

/// A deployment environment (the spec's `environment`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Environment {
    /// Unique identifier (int64).
    pub id: u64,
    /// GraphQL node id.
    pub node_id: String,
    /// Name, e.g. `staging`.
    pub name: String,
    /// API URL.
    pub url: String,
    /// Web URL of the environment's activity log.
    pub html_url: String,
    /// Creation time (ISO 8601).
    pub created_at: String,
    /// Last update time (ISO 8601).
    pub updated_at: String,
    /// Protection rules (wait timers, required reviewers, branch policies), as GitHub gives them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protection_rules: Option<Vec<serde_json::Value>>,
    /// Which branches may deploy; `None` when all may.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deployment_branch_policy: Option<DeploymentBranchPolicy>,
}

/// Which branches may deploy to an environment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeploymentBranchPolicy {
    /// Only branches with protection rules.
    pub protected_branches: bool,
    /// Only branches matching the environment's name patterns.
    pub custom_branch_policies: bool,
}

/// One page of a repository's environments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnvironmentList {
    /// How many environments the repository has.
    #[serde(default)]
    pub total_count: u64,
    /// This page's environments.
    #[serde(default)]
    pub environments: Vec<Environment>,
}

/// An environment with its latest deployment and that deployment's latest status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnvironmentOverview {
    /// The environment.
    pub environment: Environment,
    /// Its latest deployment, if it has one.
    pub deployment: Option<Deployment>,
    /// The latest status of that deployment, if it has one.
    pub status: Option<DeploymentStatus>,
}
