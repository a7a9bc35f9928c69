//! JS-shaped input to typed deployment and environment parameters, naming the field at fault.

use crate::core::deployment_requests::{DeploymentFilter, NewDeployment, PAYLOAD_RULE};
use crate::core::error::{Error, Result};
use crate::core::json::{Json, Kind};
use crate::core::params::{
    id, object, only, optional_bool, optional_string, paging, required_string,
};
use crate::core::request::RepoPath;

/// `{ owner, repo }` plus the keys an operation also takes, refusing any other.
pub fn repo<J: Json>(params: &J, also: &[&str]) -> Result<RepoPath> {
    object(params, "params")?;
    let mut known = vec!["owner", "repo"];
    known.extend_from_slice(also);
    only(params, &known)?;
    Ok(RepoPath {
        owner: required_string(params, "owner")?,
        repo: required_string(params, "repo")?,
    })
}

/// `listDeployments(params)`: the repository, its filters, `per_page`, `page`.
pub fn list_deployments<J: Json>(
    params: &J,
) -> Result<(RepoPath, DeploymentFilter, Option<u32>, Option<u32>)> {
    let repo = repo(
        params,
        &["sha", "ref", "task", "environment", "per_page", "page"],
    )?;
    let filter = DeploymentFilter {
        sha: optional_string(params, "sha")?,
        git_ref: optional_string(params, "ref")?,
        task: optional_string(params, "task")?,
        environment: optional_string(params, "environment")?,
    };
    let (per_page, page) = paging(params)?;
    Ok((repo, filter, per_page, page))
}

/// `getDeployment(params)`, `deleteDeployment(params)`, `waitForDeployment(params)`.
pub fn deployment<J: Json>(params: &J) -> Result<(RepoPath, u64)> {
    let repo = repo(params, &["deployment_id"])?;
    Ok((repo, id(params, "deployment_id")?))
}

/// `getAllEnvironments(params)`: the repository, `per_page`, `page`.
pub fn environments<J: Json>(params: &J) -> Result<(RepoPath, Option<u32>, Option<u32>)> {
    let repo = repo(params, &["per_page", "page"])?;
    let (per_page, page) = paging(params)?;
    Ok((repo, per_page, page))
}

/// `createDeployment(params)`.
pub fn create_deployment<J: Json>(params: &J) -> Result<(RepoPath, NewDeployment)> {
    let repo = repo(
        params,
        &[
            "ref",
            "task",
            "auto_merge",
            "required_contexts",
            "payload",
            "environment",
            "description",
            "transient_environment",
            "production_environment",
        ],
    )?;
    let deployment = NewDeployment {
        git_ref: required_string(params, "ref")?,
        task: optional_string(params, "task")?,
        auto_merge: optional_bool(params, "auto_merge")?,
        required_contexts: required_contexts(params)?,
        payload: payload(params)?,
        environment: optional_string(params, "environment")?,
        description: optional_string(params, "description")?,
        transient_environment: optional_bool(params, "transient_environment")?,
        production_environment: optional_bool(params, "production_environment")?,
    };
    Ok((repo, deployment))
}

/// `required_contexts`: an array of strings, kept when empty (`[]` skips GitHub's checks).
fn required_contexts<J: Json>(params: &J) -> Result<Option<Vec<String>>> {
    let message = "must be an array of strings ([] skips the status checks)";
    match params.field("required_contexts") {
        None => Ok(None),
        Some(v) if v.kind() == Kind::Null => Ok(None),
        Some(v) if v.is(Kind::Array) => v
            .items()
            .iter()
            .map(|item| item.string().ok_or(()))
            .collect::<Result<Vec<_>, ()>>()
            .map(Some)
            .map_err(|()| Error::invalid("required_contexts", message)),
        Some(_) => Err(Error::invalid("required_contexts", message)),
    }
}

/// `payload` as the JSON text to send: an object as JSON, a string as a JSON string, as GitHub
/// takes either.
fn payload<J: Json>(params: &J) -> Result<Option<String>> {
    match params.field("payload") {
        None => Ok(None),
        Some(v) if v.kind() == Kind::Null => Ok(None),
        Some(v) if v.is(Kind::String) || v.is(Kind::Object) => v
            .to_text()
            .map(Some)
            .ok_or_else(|| Error::invalid("payload", PAYLOAD_RULE)),
        Some(_) => Err(Error::invalid("payload", PAYLOAD_RULE)),
    }
}
