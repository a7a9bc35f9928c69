//! Validated deployment and environment parameters to plain-data HTTP requests.

use crate::core::client::Settings;
use crate::core::error::{Error, Result};
use crate::core::request::{
    get, push_deployment, push_json_string, push_key, push_paging, push_query, HttpRequest, Method,
    RepoPath,
};

/// What `payload` may be.
pub(crate) const PAYLOAD_RULE: &str = "must be an object of JSON values, or a string";

/// The filters of `GET /repos/{owner}/{repo}/deployments`; each is sent only when set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeploymentFilter {
    /// The SHA recorded at creation.
    pub sha: Option<String>,
    /// The ref: a branch, tag or SHA.
    pub git_ref: Option<String>,
    /// The task, e.g. `deploy`.
    pub task: Option<String>,
    /// The environment's name.
    pub environment: Option<String>,
}

/// The body of a new deployment; optional fields are sent only when set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDeployment {
    /// The ref to deploy: a branch, tag or SHA.
    pub git_ref: String,
    /// The task (GitHub's default: `deploy`).
    pub task: Option<String>,
    /// Whether GitHub merges the default branch into the ref first when it is behind (default true).
    pub auto_merge: Option<bool>,
    /// Status contexts that must have passed; `Some(vec![])` skips the checks, `None` checks all.
    pub required_contexts: Option<Vec<String>>,
    /// Extra information as JSON text: an object's, or a JSON string literal.
    pub payload: Option<String>,
    /// The environment (GitHub's default: `production`).
    pub environment: Option<String>,
    /// Short description.
    pub description: Option<String>,
    /// Whether the environment ceases to exist at some point (default false).
    pub transient_environment: Option<bool>,
    /// Whether end users interact with the environment (default: true for `production`).
    pub production_environment: Option<bool>,
}

impl NewDeployment {
    /// A deployment of `git_ref` with GitHub's defaults for everything else.
    pub fn new(git_ref: impl Into<String>) -> NewDeployment {
        NewDeployment {
            git_ref: git_ref.into(),
            task: None,
            auto_merge: None,
            required_contexts: None,
            payload: None,
            environment: None,
            description: None,
            transient_environment: None,
            production_environment: None,
        }
    }

    /// The JSON body GitHub takes: `ref`, then each optional field that is set; an empty
    /// `required_contexts` is sent as `[]` (it skips the checks).
    pub fn to_json(&self) -> String {
        let mut body = String::with_capacity(64);
        body.push_str("{\"ref\":");
        push_json_string(&mut body, &self.git_ref);
        for (name, value) in [
            ("task", &self.task),
            ("environment", &self.environment),
            ("description", &self.description),
        ] {
            if let Some(value) = value {
                push_key(&mut body, name);
                push_json_string(&mut body, value);
            }
        }
        if let Some(payload) = &self.payload {
            push_key(&mut body, "payload");
            body.push_str(payload);
        }
        if let Some(contexts) = &self.required_contexts {
            push_key(&mut body, "required_contexts");
            body.push('[');
            for (i, context) in contexts.iter().enumerate() {
                if i > 0 {
                    body.push(',');
                }
                push_json_string(&mut body, context);
            }
            body.push(']');
        }
        for (name, value) in [
            ("auto_merge", self.auto_merge),
            ("transient_environment", self.transient_environment),
            ("production_environment", self.production_environment),
        ] {
            if let Some(on) = value {
                push_key(&mut body, name);
                body.push_str(if on { "true" } else { "false" });
            }
        }
        body.push('}');
        body
    }

    /// The task GitHub records: the one set, or its default `deploy`.
    pub fn task_or_default(&self) -> &str {
        self.task.as_deref().unwrap_or("deploy")
    }

    /// The environment GitHub records: the one set, or its default `production`.
    pub fn environment_or_default(&self) -> &str {
        self.environment.as_deref().unwrap_or("production")
    }

    fn validate(&self) -> Result<()> {
        if self.git_ref.is_empty() {
            return Err(Error::invalid("ref", "must not be empty"));
        }
        if self.environment.as_deref() == Some("") {
            return Err(Error::invalid("environment", "must not be empty"));
        }
        Ok(())
    }
}

/// `GET /repos/{owner}/{repo}/deployments?sha=&ref=&task=&environment=&per_page=&page=`.
pub fn list_deployments(
    client: &Settings,
    repo: &RepoPath,
    filter: &DeploymentFilter,
    per_page: Option<u32>,
    page: Option<u32>,
) -> Result<HttpRequest> {
    let mut url = repo.url(client)?;
    url.push_str("/deployments");
    for (name, value) in [
        ("sha", &filter.sha),
        ("ref", &filter.git_ref),
        ("task", &filter.task),
        ("environment", &filter.environment),
    ] {
        if let Some(value) = value {
            push_query(&mut url, name, value);
        }
    }
    push_paging(&mut url, per_page, page)?;
    Ok(get(client, url))
}

/// `GET /repos/{owner}/{repo}/deployments/{deployment_id}`.
pub fn get_deployment(client: &Settings, repo: &RepoPath, id: u64) -> Result<HttpRequest> {
    let mut url = repo.url(client)?;
    push_deployment(&mut url, id)?;
    Ok(get(client, url))
}

/// `DELETE /repos/{owner}/{repo}/deployments/{deployment_id}`.
pub fn delete_deployment(client: &Settings, repo: &RepoPath, id: u64) -> Result<HttpRequest> {
    let mut request = get_deployment(client, repo, id)?;
    request.method = Method::Delete;
    Ok(request)
}

/// `POST /repos/{owner}/{repo}/deployments`.
pub fn create_deployment(
    client: &Settings,
    repo: &RepoPath,
    deployment: &NewDeployment,
) -> Result<HttpRequest> {
    let mut url = repo.url(client)?;
    url.push_str("/deployments");
    deployment.validate()?;
    Ok(HttpRequest {
        method: Method::Post,
        url,
        headers: client.headers(true),
        body: Some(deployment.to_json()),
    })
}

/// `GET /repos/{owner}/{repo}/environments?per_page=&page=`.
pub fn list_environments(
    client: &Settings,
    repo: &RepoPath,
    per_page: Option<u32>,
    page: Option<u32>,
) -> Result<HttpRequest> {
    let mut url = repo.url(client)?;
    url.push_str("/environments");
    push_paging(&mut url, per_page, page)?;
    Ok(get(client, url))
}
