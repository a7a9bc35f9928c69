//! The JS façade's deployment and environment methods, and the two built on them: the
//! repository overview and waiting for a deployment to end.

use super::client::JsClient;
use super::lists::{list_deployments, list_environments};
use super::objects::set;
use super::options::{call_back, CallOptions};
use super::runtime::JsRuntime;
use super::task::spawn;
use crate::core::deployment_params as params;
use crate::core::deployment_requests as requests;
use crate::core::engine::{self, Checked, NewResource};
use crate::core::request;
use crate::core::schema::Schema;
use js_sys::{Array, Object, Promise};
use std::rc::Rc;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

#[wasm_bindgen(js_class = Client)]
impl JsClient {
    /// Lists a repository's deployments, newest first (`GET /repos/{owner}/{repo}/deployments`).
    #[wasm_bindgen(js_name = listDeployments)]
    pub fn list_deployments(&self, params: JsValue, options: JsValue) -> Promise {
        self.get(params, options, Schema::DeploymentList, list_deployments)
    }

    /// Gets one deployment (`GET /repos/{owner}/{repo}/deployments/{deployment_id}`).
    #[wasm_bindgen(js_name = getDeployment)]
    pub fn get_deployment(&self, params: JsValue, options: JsValue) -> Promise {
        self.get(params, options, Schema::Deployment, |client, params| {
            let (repo, id) = params::deployment(params)?;
            requests::get_deployment(client, &repo, id)
        })
    }

    /// Lists a repository's environments (`GET /repos/{owner}/{repo}/environments`).
    #[wasm_bindgen(js_name = getAllEnvironments)]
    pub fn get_all_environments(&self, params: JsValue, options: JsValue) -> Promise {
        self.get(params, options, Schema::EnvironmentList, list_environments)
    }

    /// Creates a deployment exactly once (`POST /repos/{owner}/{repo}/deployments`); resolves
    /// with 201 and the deployment, or 202 and GitHub's message when it merged the default
    /// branch into the ref instead.
    #[wasm_bindgen(js_name = createDeployment)]
    pub fn create_deployment(&self, params: JsValue, options: JsValue) -> Promise {
        self.create(params, options, |params| {
            let (repo, deployment) = params::create_deployment(params)?;
            Ok(NewResource::Deployment(repo, deployment))
        })
    }

    /// Deletes an inactive deployment (`DELETE /repos/{owner}/{repo}/deployments/{deployment_id}`);
    /// resolves with 204 and `data: null`.
    #[wasm_bindgen(js_name = deleteDeployment)]
    pub fn delete_deployment(&self, params: JsValue, options: JsValue) -> Promise {
        self.get(params, options, Schema::Deployment, |client, params| {
            let (repo, id) = params::deployment(params)?;
            requests::delete_deployment(client, &repo, id)
        })
    }

    /// Every environment of a repository with its latest deployment and that deployment's
    /// latest status: `[{ environment, deployment, status }]`.
    pub fn overview(&self, params: JsValue, options: JsValue) -> Promise {
        let client = Rc::clone(&self.inner);
        spawn(async move {
            let options = CallOptions::read(&options, &["signal"])?;
            let repo = params::repo(&params, &[])?;
            let runtime = JsRuntime::new(options.signal);
            let rows =
                engine::overview::<_, Checked, Checked, Checked>(&runtime, &client, &repo).await;
            let all = Array::new();
            for (environment, deployment, status) in runtime.settle(rows)? {
                let row = Object::new();
                set(&row, "environment", &environment);
                set(&row, "deployment", &deployment.unwrap_or(JsValue::NULL));
                set(&row, "status", &status.unwrap_or(JsValue::NULL));
                all.push(&row);
            }
            Ok(all.into())
        })
    }

    /// Resolves with a deployment's first final status (`success`, `failure`, `error`,
    /// `inactive`), polling its statuses with ETags; `onStatus` sees each new one.
    #[wasm_bindgen(js_name = waitForDeployment)]
    pub fn wait_for_deployment(&self, params: JsValue, options: JsValue) -> Promise {
        let client = Rc::clone(&self.inner);
        spawn(async move {
            let allowed = ["signal", "timeoutMs", "intervalMs", "onStatus"];
            let options = CallOptions::read(&options, &allowed)?;
            let (repo, deployment_id) = params::deployment(&params)?;
            let path = repo.statuses(deployment_id);
            let request = request::list(&client, &path, Some(100), None)?;
            let mut runtime = JsRuntime::new(options.signal);
            if let Some(ms) = options.timeout_ms {
                runtime = runtime.within(ms);
            }
            let interval = options.interval_ms.unwrap_or(DEFAULT_WAIT_INTERVAL_MS);
            let mut thrown = None;
            let waited =
                engine::wait_for::<_, Checked>(&runtime, &client, &request, interval, |status| {
                    match &options.on_change {
                        Some(on_status) => call_back(on_status, status, &mut thrown),
                        None => Ok(()),
                    }
                })
                .await;
            match (waited, thrown) {
                (_, Some(error)) => Err(error),
                (waited, None) => runtime.settle(waited),
            }
        })
    }
}

/// How often `waitForDeployment` polls unless told otherwise.
const DEFAULT_WAIT_INTERVAL_MS: u64 = 5_000;
